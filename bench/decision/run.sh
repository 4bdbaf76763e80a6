#!/usr/bin/env bash
# In-process gate decision benchmark (JMH): parse + normalise + digest + evaluate against a typical
# (20-rule) and a large (500-rule) policy, and the same plus Ed25519 signing. Reports decisions per
# second and p50 / p99 latency. Writes bench/results/decision-jmh-<utc-timestamp>.{json,md}.
#   usage: bench/decision/run.sh [jmh options]   (default: -f 1 -wi 3 -i 5 -w 2s -r 3s)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
. scripts/lib/jdk.sh
gait_require_jdk
gait_maven_env
mvn -B -q -ntp -DskipTests -pl bench/gait-bench -am package >/dev/null
opts=("$@")
[ ${#opts[@]} -gt 0 ] || opts=(-f 1 -wi 3 -i 5 -w 2s -r 3s)
stamp=$(date -u +%Y-%m-%dT%H%MZ)
json="bench/results/decision-jmh-$stamp.json"
"$GAIT_JAVA_HOME/bin/java" -jar bench/gait-bench/target/gait-bench.jar DecisionBenchmark "${opts[@]}" -rf json -rff "$json"
python3 - "$json" "bench/results/decision-jmh-$stamp.md" "${opts[*]}" "$GAIT_JAVA_VERSION" <<'PY'
import json, os, sys
raw, md, opts, jdk = sys.argv[1:5]
rows = json.load(open(raw))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
lines = ["# In-process gate decisions (JMH)", "",
         f"- Machine: {os.cpu_count()} cores ({cpu}); JDK {jdk}",
         f"- Command: `bench/decision/run.sh {opts}`; raw data `{os.path.basename(raw)}`",
         "- Targets: typical policy p99 ≤ 20 µs without signing; decide-plus-sign p99 ≤ 300 µs", "",
         "| benchmark | rules | mode | score | p50 µs | p99 µs |", "|---|---|---|---|---|---|"]
for r in rows:
    name = r["benchmark"].rsplit(".", 1)[1]
    rules = r.get("params", {}).get("rules", "")
    m = r["primaryMetric"]
    if r["mode"] == "sample":
        p = m["scorePercentiles"]
        lines.append(f"| {name} | {rules} | latency | mean {m['score']:.2f} µs | {p['50.0']:.2f} | {p['99.0']:.2f} |")
    else:
        lines.append(f"| {name} | {rules} | throughput | {m['score']*1e6:,.0f} decisions/s | | |")
open(md, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
