#!/usr/bin/env bash
# The control loop with N FlinkDeployments (default 10000) on the testkit's fakes: passes per second and heap
# per managed resource. Usage: scripts/bench-loop.sh [N] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/.."
# one reactor run, so the classpath names the sibling modules' freshly compiled classes
log="$(mktemp)"
if ! mvn -B -Dstyle.color=never test-compile dependency:build-classpath -pl testkit -am -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >"$log" 2>&1; then cat "$log" >&2; rm -f "$log"; exit 2; fi
rm -f "$log"
exec java -Xmx2g -cp "testkit/target/test-classes:testkit/target/classes:$(cat testkit/target/bench-classpath.txt)" org.flinkop.testkit.bench.LoopBenchmark "$@"
