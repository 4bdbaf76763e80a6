#!/usr/bin/env bash
# Load on the fleet control plane's bundle distribution (bounded, loopback only, one JVM): the real
# server on a SQLite store in a temporary directory; N registered enforcement points, simulated, poll GET /v1/environments/{env}/bundle with If-None-Match (requests/s and latency
# of the 304s), then all long-poll and one promotion is published (time until every point has the new ETag).
# A second lane measures the server alone: wrk (Debian's package) sends conditional GETs of one point's
# bundle from a separate process over 64 connections for 15 s.
# Writes bench/results/fleet-polling-<utc-timestamp>.md.
#   usage: bench/fleet/run.sh [points (default 2000)] [poll seconds (default 20)] [poll interval ms (default 1000)]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
points=${1:-2000}
seconds=${2:-20}
interval=${3:-1000}
cd "$root"
. scripts/lib/jdk.sh
gait_require_jdk
gait_maven_env
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
mvn -B -q -ntp -DskipTests -pl bench/gait-bench -am package >/dev/null
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
out=$("$GAIT_JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g -cp bench/gait-bench/target/gait-bench.jar dev.gait.bench.FleetPolling "$points" "$seconds" "$interval")
echo "$out"
server=""
trap '[ -z "$server" ] || kill "$server" 2>/dev/null || true' EXIT
fifo=$(mktemp -u) && mkfifo "$fifo"
"$GAIT_JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g -cp bench/gait-bench/target/gait-bench.jar dev.gait.bench.FleetPolling serve 40 >"$fifo" &
server=$!
read -r url etag token <"$fifo"
rm -f "$fifo"
wrk -t1 -c64 -d5s -H "Authorization: Bearer $token" -H "If-None-Match: $etag" "$url" >/dev/null
wrk_out=$(wrk -t2 -c64 -d15s --latency -H "Authorization: Bearer $token" -H "If-None-Match: $etag" "$url")
kill "$server" 2>/dev/null || true
server=""
echo "$wrk_out"
stamp=$(date -u +%Y-%m-%dT%H%MZ)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')
{
  echo "# Fleet bundle distribution under polling load"
  echo
  echo "- Machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/{print $2}') GiB; JDK $GAIT_JAVA_VERSION; load average at start: $load_at_start"
  echo "- Command: \`bench/fleet/run.sh $points $seconds $interval\`"
  echo "- Server and the simulated points share one JVM and the machine's cores; every request carries its point's machine credential and passes authentication (a store lookup and hash check), the access check, the point lookup (a store read) and rollout selection; the store is SQLite."
  echo "- Measured while six other builds and test runs shared this 2-core machine (see the load average): absolute figures are far below a quiet machine's; rerun there for reference numbers."
  echo
  echo "## $points points in one JVM (JDK HttpClient on virtual threads)"
  echo
  echo '```'
  echo "$out"
  echo '```'
  echo
  echo "## The server alone: wrk, conditional GETs of one point's bundle (all 304), 64 connections, 15 s after 5 s of warm-up"
  echo
  echo '```'
  echo "$wrk_out"
  echo '```'
} >"bench/results/fleet-polling-$stamp.md"
