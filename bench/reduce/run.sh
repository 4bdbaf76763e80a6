#!/usr/bin/env bash
# Reduction of a 1,000-step raw-capture run whose failure needs two steps (intent_0417 and
# intent_0883): wall time end to end through the CLI jar (`gait run reduce` with the command
# predicate, a /bin/sh script) and in-process with a Java predicate, with the predicate
# evaluations ddmin needed. Writes bench/results/reduce-<utc-timestamp>.md.
#   usage: bench/reduce/run.sh [runs]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
runs=${1:-5}
cd "$root"
. scripts/lib/jdk.sh
gait_require_jdk
gait_maven_env
mvn -B -q -ntp -DskipTests -pl gait-cli,bench/gait-bench -am package >/dev/null
work=.build/bench-reduce # relative, so that the recorded command names no machine path
rm -rf "$work" && mkdir -p "$work"
cat >"$work/predicate.sh" <<'SH'
#!/bin/sh
d=$(cat); case "$d" in *intent_0417*) case "$d" in *intent_0883*) exit 0;; esac;; esac; exit 1
SH
chmod 700 "$work/predicate.sh"
out=$("$GAIT_JAVA_HOME/bin/java" -cp bench/gait-bench/target/gait-bench.jar dev.gait.bench.ReduceBenchmark \
  "$work" "$runs" gait-cli/target/gait.jar "$work/predicate.sh")
echo "$out"
stamp=$(date -u +%Y-%m-%dT%H%MZ)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')
{
  echo "# Run reduce: 1,000 steps, a failure that needs two of them"
  echo
  echo "- Machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/{print $2}') GiB; JDK $GAIT_JAVA_VERSION"
  echo "- Command: \`bench/reduce/run.sh $runs\` (median of $runs runs after warm-up)"
  echo "- CLI: \`java -jar gait-cli/target/gait.jar run reduce --from runpack_run_bench_reduce.zip --predicate command --predicate-command ./predicate.sh --out cli.zip --json\`, where \`predicate.sh\` exits 0 when its standard input names both \`intent_0417\` and \`intent_0883\`; each evaluation records the candidate, writes it and starts the script"
  echo "- In-process: \`RunpackReducer\` with a Java predicate (both causes kept), from the strict read to the written pack, report and re-check"
  echo
  echo '```'
  echo "$out"
  echo '```'
} >"bench/results/reduce-$stamp.md"
