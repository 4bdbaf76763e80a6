#!/usr/bin/env bash
# Load benchmark of the decision sidecar (`gait serve`) on loopback with wrk (Debian's package): decisions
# per second and latency percentiles for an allowed and a blocked intent against the 20-rule policy of
# bench/gate, every decision signed (Ed25519) and its trace recorded before the answer, once per trace
# mode: one file per decision (--trace-dir, synced), the append-only log synced before each answer
# (--trace-log), and the log synced every 10 ms (--trace-log-sync 10ms).
# Writes bench/results/serve-<utc-timestamp>.md. Targets: at least 10,000 decisions/s, p99 at most 2 ms.
#   usage: bench/serve/run.sh [duration (default 15s)] [connections (default 8)] [wrk threads (default 1)]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
duration=${1:-15s}
connections=${2:-8}
threads=${3:-1}
cd "$root"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl >/dev/null; }
./gait --version >/dev/null
work=.build/bench-serve
rm -rf "$work" && mkdir -p "$work"
export GAIT_HOME="$work/home"
stamp=$(date -u +%Y-%m-%dT%H%MZ)
server=""
trap '[ -z "$server" ] || kill "$server" 2>/dev/null || true' EXIT

for mode in files log log-10ms; do
  case $mode in
    files) trace_flags=(--trace-dir "$work/traces") ;;
    log) trace_flags=(--trace-log "$work/traces.jsonl") ;;
    log-10ms) trace_flags=(--trace-log "$work/traces-10ms.jsonl" --trace-log-sync 10ms) ;;
  esac
  warmup=20s # the JIT needs about 100,000 decisions before the decision path runs compiled
  ./gait serve --policy bench/gate/policy.yaml --listen 127.0.0.1:0 --max-rps 0 --rate-limit-state "$work/rl.json" \
    "${trace_flags[@]}" >"$work/serve-$mode.out" 2>"$work/serve-$mode.err" &
  server=$!
  url=""
  for _ in $(seq 1 100); do
    url=$(sed -n 's/^listening=//p' "$work/serve-$mode.out" 2>/dev/null || true)
    [ -n "$url" ] && break
    sleep 0.1
  done
  [ -n "$url" ] || { cat "$work/serve-$mode.err" >&2; exit 1; }
  for lane in allow:fs.read block:fs.delete; do
    verdict=${lane%%:*}
    intent="bench/gate/lanes/${lane#*:}.json"
    curl -sf -H 'Content-Type: application/json' --data-binary @"$intent" "$url/v1/gate/evaluate" | grep -q "\"verdict\":\"$verdict\"" \
      || { echo "the $verdict lane did not decide $verdict" >&2; exit 1; }
    python3 - "$intent" >"$work/post.lua" <<'PY'
import json, sys
body = open(sys.argv[1]).read().strip()
print('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = ' + json.dumps(body))
PY
    wrk -t"$threads" -c"$connections" -d"$warmup" -s "$work/post.lua" "$url/v1/gate/evaluate" >/dev/null
    warmup=5s
    wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$work/post.lua" "$url/v1/gate/evaluate" >"$work/wrk-$mode-$verdict.txt"
  done
  curl -sf "$url/metrics" >"$work/metrics-$mode.txt"
  kill "$server" && wait "$server" 2>/dev/null || true
  server=""
done
lines=$(cat "$work"/traces*.jsonl | wc -l)

. scripts/lib/jdk.sh
gait_find_jdk
python3 - "$work" "bench/results/serve-$stamp.md" "$duration" "$connections" "$threads" "$GAIT_JAVA_VERSION" "$lines" <<'PY'
import os, re, sys
work, md, duration, connections, threads, jdk, lines = sys.argv[1:8]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
load = open("/proc/loadavg").read().split()[:3]

def ms(text):
    value, unit = re.match(r"([0-9.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

rows = []
for mode, label in (("files", "one file per decision (`--trace-dir`), synced"), ("log", "log (`--trace-log`), synced before each answer"),
                    ("log-10ms", "log (`--trace-log-sync 10ms`), written before each answer, synced every 10 ms")):
    for verdict in ("allow", "block"):
        out = open(f"{work}/wrk-{mode}-{verdict}.txt").read()
        rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))
        pct = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", out, re.M))
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        socket = re.search(r"Socket errors: (.*)", out)
        rows.append(f"| {label} | {verdict} | {rps:,.0f} | {ms(pct['50']):.2f} | {ms(pct['90']):.2f} | {ms(pct['99']):.2f} | "
                    f"{errors.group(1) if errors else 0}{'; ' + socket.group(1) if socket else ''} |")
lines_out = ["# Decision sidecar under load (`gait serve`, wrk on loopback)", "",
             f"- Machine: {os.cpu_count()} cores ({cpu}); JDK {jdk}; load average before the summary {' '.join(load)} (the host is shared)",
             f"- Command: `bench/serve/run.sh {duration} {connections} {threads}`: wrk -t{threads} -c{connections} -d{duration} --latency after a warm-up (20 s per sidecar, 5 s per lane), "
             "`POST /v1/gate/evaluate` with `bench/gate/lanes/fs.read.json` (allow) and `fs.delete.json` (block) against `bench/gate/policy.yaml` (20 rules)",
             "- Every decision is evaluated by the core and signed (Ed25519); its trace is recorded before the answer as the mode says; wrk and the sidecar share the 2 cores",
             f"- The two log modes wrote {int(lines):,} trace lines (one per decision, warm-ups included)",
             "- Targets: at least 10,000 decisions/s with p99 at most 2 ms", "",
             "| trace mode | verdict | decisions/s | p50 ms | p90 ms | p99 ms | non-2xx |", "|---|---|---|---|---|---|---|"] + rows
open(md, "w").write("\n".join(lines_out) + "\n")
print("\n".join(lines_out))
PY
