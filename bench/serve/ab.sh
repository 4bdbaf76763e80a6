#!/usr/bin/env bash
# A/B comparison of sidecar builds or JVM options under the same load, measured in ways a shared host
# disturbs little: CPU time of the sidecar process per decision (from /proc), bytes allocated per decision
# and GC pauses (from the JVM's GC log), next to decisions/s and p50/p99 from wrk. Variants run
# alternately, each in a fresh process with a warm-up, in the log mode with a 10 ms sync (the fastest
# durable mode), on the allowed intent of bench/gate against its 20-rule policy.
# Writes bench/results/serve-ab-<utc-timestamp>.md.
#   usage: bench/serve/ab.sh [--rounds N] [--duration 15s] [--connections 8] NAME=JAR[@JVM_OPTIONS] ...
#   e.g.   bench/serve/ab.sh before=old.jar after=.build/gait-<hash>.jar 'zgc=.build/gait-<hash>.jar@-XX:+UseZGC'
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
rounds=2 duration=15s connections=8 warmup=25s
while [ $# -gt 0 ]; do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { sed -n '2,10p' "$0" >&2; exit 2; }
cd "$root"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
. scripts/lib/jdk.sh
gait_find_jdk
java="$GAIT_JAVA_HOME/bin/java"
work=.build/bench-serve-ab
rm -rf "$work" && mkdir -p "$work"
export GAIT_HOME="$work/home"
stamp=$(date -u +%Y-%m-%dT%H%MZ)
python3 - bench/gate/lanes/fs.read.json >"$work/post.lua" <<'PY'
import json, sys
body = open(sys.argv[1]).read().strip()
print('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = ' + json.dumps(body))
PY
server=""
trap '[ -z "$server" ] || kill "$server" 2>/dev/null || true' EXIT
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

for round in $(seq 1 "$rounds"); do
  for variant in "$@"; do
    name=${variant%%=*} spec=${variant#*=}
    jar=${spec%%@*} options=""
    [ "$spec" = "$jar" ] || options=${spec#*@}
    run="$work/$name-$round"
    # shellcheck disable=SC2086 # the options are words
    "$java" -Xlog:disable -Xlog:all=warning:stderr -Xlog:gc:file="$run.gc":uptime $options -cp "$jar" dev.gait.cli.Main serve \
      --policy bench/gate/policy.yaml --listen 127.0.0.1:0 --max-rps 0 --rate-limit-state "$run.rl.json" \
      --trace-log "$run.jsonl" --trace-log-sync 10ms >"$run.out" 2>"$run.err" &
    server=$!
    url=""
    for _ in $(seq 1 100); do
      url=$(sed -n 's/^listening=//p' "$run.out" 2>/dev/null || true)
      [ -n "$url" ] && break
      sleep 0.1
    done
    [ -n "$url" ] || { cat "$run.err" >&2; exit 1; }
    wrk -t1 -c"$connections" -d"$warmup" -s "$work/post.lua" "$url/v1/gate/evaluate" >/dev/null
    before_lines=$(wc -l <"$run.jsonl") before_cpu=$(cpu_ticks "$server") before_gc=$(wc -l <"$run.gc")
    wrk -t1 -c"$connections" -d"$duration" --latency -s "$work/post.lua" "$url/v1/gate/evaluate" >"$run.wrk"
    after_lines=$(wc -l <"$run.jsonl") after_cpu=$(cpu_ticks "$server")
    echo "$name $round $((after_lines - before_lines)) $((after_cpu - before_cpu)) $(getconf CLK_TCK) $before_gc $(cut -d' ' -f1 /proc/loadavg)" >"$run.counts"
    kill "$server" && wait "$server" 2>/dev/null || true
    server=""
  done
done

python3 - "$work" "bench/results/serve-ab-$stamp.md" "$GAIT_JAVA_VERSION" "$rounds x $duration, $connections connections" "$(printf '%q ' "$@")" <<'PY'
import glob, os, re, sys
work, md, jdk, shape, variants = sys.argv[1:6]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")

def ms(text):
    value, unit = re.match(r"([0-9.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

def mb(text):
    value, unit = re.match(r"([0-9.]+)([KMG])", text).groups()
    return float(value) * {"K": 1 / 1024, "M": 1, "G": 1024}[unit]

rows = []
for counts in sorted(glob.glob(f"{work}/*.counts"), key=lambda p: (int(open(p).read().split()[1]), os.path.getmtime(p))):
    name, rnd, decisions, ticks, hz, gc_from, load = open(counts).read().split()
    run = counts[:-len(".counts")]
    decisions, ticks, hz, gc_from = int(decisions), int(ticks), int(hz), int(gc_from)
    out = open(run + ".wrk").read()
    rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))
    pct = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    # allocation between collections: heap before this collection minus heap after the previous one
    gcs = [l for l in open(run + ".gc").read().splitlines() if "Pause" in l]
    pauses, allocated, previous_after = [], 0.0, None
    for index, line in enumerate(gcs):
        m = re.search(r"(\d+[KMG])->(\d+[KMG])\(\d+[KMG]\) ([0-9.]+)ms", line)
        if not m:
            continue
        if index >= gc_from and previous_after is not None:
            allocated += mb(m.group(1)) - previous_after
            pauses.append(float(m.group(3)))
        previous_after = mb(m.group(2))
    kb = allocated * 1024 / decisions if pauses else float("nan")
    rows.append(f"| {name} | {rnd} | {rps:,.0f} | {ms(pct['50']):.2f} | {ms(pct['99']):.2f} | {ticks * 1e6 / hz / decisions:.0f} | "
                f"{kb:.1f} | {len(pauses)} | {max(pauses) if pauses else 0:.1f} | {load} |")
lines = ["# Decision sidecar A/B (`bench/serve/ab.sh`)", "",
         f"- Machine: {os.cpu_count()} cores ({cpu}); JDK {jdk}; the host is shared, so compare rows of the same round",
         f"- Command: `bench/serve/ab.sh --rounds {shape.split(' x ')[0]} --duration {shape.split(' x ')[1].split(',')[0]} --connections {shape.split(', ')[1].split()[0]} {variants}`",
         "- Load: wrk -t1 on loopback after a 25 s warm-up, `POST /v1/gate/evaluate` with `bench/gate/lanes/fs.read.json` (allow) against "
         "`bench/gate/policy.yaml` (20 rules), every decision signed and appended to `--trace-log` with `--trace-log-sync 10ms`",
         "- CPU µs/decision: user + system time of the sidecar process over the measured run, divided by the trace lines it wrote; "
         "KB/decision: heap allocated between collections (GC log; read for G1, Serial and Parallel, `nan` for ZGC); pauses: collections during the run and the longest",
         "", "| variant | round | decisions/s | p50 ms | p99 ms | CPU µs/decision | KB allocated/decision | GC pauses | longest pause ms | load avg |",
         "|---|---|---|---|---|---|---|---|---|---|"] + rows
open(md, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
