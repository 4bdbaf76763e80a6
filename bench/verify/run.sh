#!/usr/bin/env bash
# Verification throughput of a ~100 MB signed runpack (in-process: open, hash every entry, check the
# manifest digest and the signature) as a ratio to sha256sum reading the same file in the same run.
# Writes bench/results/verify-throughput-<utc-timestamp>.md.
#   usage: bench/verify/run.sh [megabytes] [runs]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
megabytes=${1:-100}
runs=${2:-5}
cd "$root"
. scripts/lib/jdk.sh
gait_require_jdk
gait_maven_env
mvn -B -q -ntp -DskipTests -pl bench/gait-bench -am package >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=$("$GAIT_JAVA_HOME/bin/java" -Xmx2g -cp bench/gait-bench/target/gait-bench.jar dev.gait.bench.VerifyThroughput "$work" "$megabytes" "$runs")
echo "$out"
stamp=$(date -u +%Y-%m-%dT%H%MZ)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')
{
  echo "# Runpack verification throughput"
  echo
  echo "- Machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/{print $2}') GiB; JDK $GAIT_JAVA_VERSION; $(sha256sum --version | head -1)"
  echo "- Command: \`bench/verify/run.sh $megabytes $runs\` (median of $runs runs after warm-up; a signed raw-capture runpack of incompressible payloads)"
  echo "- Ratio = sha256sum median time / gait verify median time over the same file (target ≥ 0.5)"
  echo
  echo '```'
  echo "$out"
  echo '```'
} >"bench/results/verify-throughput-$stamp.md"
