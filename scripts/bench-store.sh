#!/usr/bin/env bash
# The embedded runtime's file store with N FlinkDeployments (default 1000, then 10000): durable status writes per
# second and the time to open the store, which reads every resource back. Usage: scripts/bench-store.sh [N...]
set -euo pipefail
cd "$(dirname "$0")/.."
# one reactor run, so the classpath names the sibling modules' freshly compiled classes
log="$(mktemp)"
if ! mvn -B -Dstyle.color=never test-compile dependency:build-classpath -pl runtime-embedded -am -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >"$log" 2>&1; then cat "$log" >&2; rm -f "$log"; exit 2; fi
rm -f "$log"
cd runtime-embedded
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.flinkop.runtime.embedded.store.StoreBenchmark "$@"
