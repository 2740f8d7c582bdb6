#!/usr/bin/env bash
# Measures decide() throughput with JMH on one thread. Arguments go to JMH (default: 1 fork, 3 warm-up and
# 5 measured iterations of 2 s).
set -euo pipefail
cd "$(dirname "$0")/.."
log="$(mktemp)"
if ! mvn -B -Dstyle.color=never test-compile -pl domain -am >"$log" 2>&1; then cat "$log" >&2; rm -f "$log"; exit 2; fi
rm -f "$log"
log="$(mktemp)"
if ! mvn -B -Dstyle.color=never dependency:build-classpath -pl domain -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >"$log" 2>&1; then cat "$log" >&2; rm -f "$log"; exit 2; fi
rm -f "$log"
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(-f 1 -wi 3 -w 2s -i 5 -r 2s -t 1)
exec java -cp "domain/target/test-classes:domain/target/classes:$(cat domain/target/bench-classpath.txt)" org.openjdk.jmh.Main DecideBenchmark "${args[@]}"
