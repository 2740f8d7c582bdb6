#!/usr/bin/env bash
# Resolves, once, the jars of a real Flink cluster of version V from Maven Central (there is no flink-dist
# there: the module jars are enough), and Flink's TopSpeedWindowing example job beside them, and prints the
# path of a file holding the classpath. Cached outside the
# work tree, in ${FLINKOP_CACHE:-~/.cache/flinkop}/flink-V; later calls print the cached file at once.
# Usage: scripts/flink-classpath.sh 1.20.0
set -euo pipefail
V=${1:?usage: flink-classpath.sh FLINK_VERSION}
CACHE=${FLINKOP_CACHE:-$HOME/.cache/flinkop}/flink-$V
CP=$CACHE/classpath.txt
EXAMPLE=$CACHE/flink-examples-streaming-$V-TopSpeedWindowing.jar
# bump when the set of jars below changes, so caches made before are resolved again
LAYOUT=$CACHE/.layout-2
if [ -f "$LAYOUT" ] && [ -s "$CP" ] && [ -f "$EXAMPLE" ] && tr ':' '\n' < "$CP" | while read -r jar; do [ -f "$jar" ] || exit 1; done; then
  echo "$CP"
  exit 0
fi
mkdir -p "$CACHE"
# the same template the embedded runtime resolves Flink's jars with (FlinkJars)
sed "s/@FLINK_VERSION@/$V/g" "$(dirname "$0")/../runtime-embedded/src/main/resources/org/flinkop/runtime/embedded/local/flink-jars.pom" > "$CACHE/pom.xml"
log="$CACHE/resolve.log"
if ! mvn -B -Dstyle.color=never -f "$CACHE/pom.xml" dependency:build-classpath -Dmdep.outputFile="$CP.tmp" >"$log" 2>&1; then
  cat "$log" >&2
  exit 2
fi
# Flink's own streaming example, a job that runs until stopped, for tests that submit a real job
if ! mvn -B -Dstyle.color=never -f "$CACHE/pom.xml" dependency:copy -Dartifact=org.apache.flink:flink-examples-streaming:$V:jar:TopSpeedWindowing \
    -DoutputDirectory="$CACHE" >>"$log" 2>&1; then
  cat "$log" >&2
  exit 2
fi
mv "$CP.tmp" "$CP"
touch "$LAYOUT"
echo "$CP"
