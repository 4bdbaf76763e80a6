#!/usr/bin/env bash
# Whole-process gate eval benchmark: median wall time of `./gait gate eval` per lane (fs.read,
# fs.write, fs.delete, proc.exec, net.http, net.dns) against a ~20-rule policy, the lanes of Gait
# v1's budget harness (its budget: p50 800 ms). Writes bench/results/gate-eval-<utc-timestamp>.md.
#   usage: bench/gate/run.sh [runs]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
runs=${1:-30}
cd "$root"
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
./gait --version >/dev/null
work=.build/bench-gate
rm -rf "$work" && mkdir -p "$work"
export GAIT_HOME="$work/home"
stamp=$(date -u +%Y-%m-%dT%H%MZ)
args=()
for lane in fs.read fs.write fs.delete proc.exec net.http net.dns; do
  args+=(-n "$lane" "./gait gate eval --policy bench/gate/policy.yaml --intent bench/gate/lanes/$lane.json --trace-out $work/trace.json --rate-limit-state $work/rl.json --approval-audit-out $work/approval_audit.json --json")
done
# gate eval exits 3/4 for block/require_approval: those are results, not failures
hyperfine -N -i --warmup 3 --runs "$runs" --style basic --export-json "bench/results/gate-eval-$stamp.json" "${args[@]}"
. scripts/lib/jdk.sh
gait_find_jdk
python3 - "bench/results/gate-eval-$stamp.json" "bench/results/gate-eval-$stamp.md" "$runs" "$GAIT_JAVA_VERSION" <<'PY'
import json, os, sys
raw, md, runs, jdk = sys.argv[1:5]
results = json.load(open(raw))["results"]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
lines = ["# Whole-process `gait gate eval` by lane", "",
         f"- Machine: {os.cpu_count()} cores ({cpu}); JDK {jdk}; launcher flags: AOT cache, C1 only, Serial GC",
         f"- Command: `bench/gate/run.sh {runs}` (hyperfine -N --warmup 3 --runs {runs}); policy `bench/gate/policy.yaml` (20 rules); raw data `{os.path.basename(raw)}`",
         "- Target: median at most 150 ms (Gait v1 budget: p50 800 ms)", "",
         "| lane | median ms | mean ms | σ ms | max ms |", "|---|---|---|---|---|"]
for r in results:
    lines.append(f"| {r['command']} | {r['median']*1000:.1f} | {r['mean']*1000:.1f} | {r['stddev']*1000:.1f} | {r['max']*1000:.1f} |")
open(md, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
