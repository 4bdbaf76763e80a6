#!/usr/bin/env bash
# Whole-process start-up benchmark of the ./gait launcher (bash + JVM + AOT cache), measured with
# hyperfine. Writes bench/results/startup-<utc-timestamp>.json (raw) and .md (summary with the machine, the
# JDK and the exact command). Not part of the test suite: two noisy cores make timings advisory.
#   usage: bench/startup/run.sh [runs]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
runs=${1:-40}
cd "$root"

if ! command -v hyperfine >/dev/null; then
  echo "installing hyperfine from Debian" >&2
  apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null
fi

./gait --version >/dev/null # build and train the AOT cache outside the measurement
work=.build/bench # relative, so that the recorded commands name no machine path
rm -rf "$work" && mkdir -p "$work"
./gait keys init --out-dir "$work/keys" >/dev/null
export GAIT_HOME="$work/home" # the demo's signing key, kept out of the user's home
./gait demo >/dev/null

stamp=$(date -u +%Y-%m-%dT%H%MZ)
json="bench/results/startup-$stamp.json"
md="bench/results/startup-$stamp.md"
command=(hyperfine -N --warmup 5 --runs "$runs" --style basic --export-json "$json"
  -n "gait --version" "./gait --version"
  -n "gait version --json" "./gait version --json"
  -n "gait digest (parse, JCS, SHA-256)" "./gait digest bench/startup/sample.json --json"
  -n "gait keys verify (load key, sign, verify)" "./gait keys verify --out-dir $work/keys --json"
  -n "gait verify run_demo (signed runpack)" "./gait verify run_demo --json"
  -n "gait demo (record, sign, write, verify)" "./gait demo --json")
"${command[@]}"

. scripts/lib/jdk.sh
gait_find_jdk
python3 - "$json" "$md" "$runs" "$GAIT_JAVA_HOME" <<'PY'
import json, os, platform, subprocess, sys
raw, md, runs, java_home = sys.argv[1:5]
results = json.load(open(raw))["results"]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
mem_gib = int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))) / 1024 / 1024
java = subprocess.run([java_home + "/bin/java", "-version"], capture_output=True, text=True).stderr.splitlines()[1]
lines = [
    "# Start-up: whole-process wall time of `./gait`", "",
    f"- Machine: {os.cpu_count()} cores ({cpu}), {mem_gib:.0f} GiB, {platform.system()} {platform.release()}",
    f"- JDK: {java}; flags from the launcher: AOT cache, -XX:TieredStopAtLevel=1, -XX:+UseSerialGC, -XX:-UsePerfData",
    f"- Command: `bench/startup/run.sh {runs}` (hyperfine -N --warmup 5 --runs {runs}); raw data: `{os.path.basename(raw)}`",
    "", "| command | median ms | mean ms | σ ms | min ms | max ms |", "|---|---|---|---|---|---|",
]
for r in results:
    lines.append(f"| {r['command']} | {r['median']*1000:.1f} | {r['mean']*1000:.1f} | {r['stddev']*1000:.1f} | {r['min']*1000:.1f} | {r['max']*1000:.1f} |")
open(md, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
