#!/usr/bin/env bash
# Resolves, once, the jars of a real Flink cluster of version V from Maven Central (there is no flink-dist
# there: the module jars are enough), and Flink's TopSpeedWindowing example job beside them, and prints the
# path of a file holding the classpath. Cached outside the
# work tree, in ${FLINKOP_CACHE:-~/.cache/flinkop}/flink-V; later calls print the cached file at once.
# A cache resolved from another jar list (an older pom.xml) is resolved again.
# Usage: scripts/flink-classpath.sh 1.20.0
set -euo pipefail
V=${1:?usage: flink-classpath.sh FLINK_VERSION}
CACHE=${FLINKOP_CACHE:-$HOME/.cache/flinkop}/flink-$V
CP=$CACHE/classpath.txt
EXAMPLE=$CACHE/flink-examples-streaming-$V-TopSpeedWindowing.jar
POM=$(sed "s/@FLINK_VERSION@/$V/g" "$(dirname "$0")/../runtime-embedded/src/main/resources/org/flinkop/runtime/embedded/local/flink-jars.pom")
# the cache is keyed by the pom it was resolved from: a cache made from another set of jars is resolved again
if [ -f "$CACHE/pom.xml" ] && [ "$(cat "$CACHE/pom.xml")" = "$POM" ] && [ -s "$CP" ] && [ -f "$EXAMPLE" ] && tr ':' '\n' < "$CP" | while read -r jar; do [ -f "$jar" ] || exit 1; done; then
  echo "$CP"
  exit 0
fi
mkdir -p "$CACHE"
# the same template the embedded runtime resolves Flink's jars with (FlinkJars); written as pom.xml only once resolved
printf '%s\n' "$POM" > "$CACHE/resolving.pom"
log="$CACHE/resolve.log"
if ! mvn -B -Dstyle.color=never -f "$CACHE/resolving.pom" dependency:build-classpath -Dmdep.outputFile="$CP.tmp" >"$log" 2>&1; then
  cat "$log" >&2
  exit 2
fi
# Flink's own streaming example, a job that runs until stopped, for tests that submit a real job
if ! mvn -B -Dstyle.color=never -f "$CACHE/resolving.pom" dependency:copy -Dartifact=org.apache.flink:flink-examples-streaming:$V:jar:TopSpeedWindowing \
    -DoutputDirectory="$CACHE" >>"$log" 2>&1; then
  cat "$log" >&2
  exit 2
fi
mv "$CP.tmp" "$CP"
mv "$CACHE/resolving.pom" "$CACHE/pom.xml"
echo "$CP"
