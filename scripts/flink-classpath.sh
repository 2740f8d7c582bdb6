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
cat > "$CACHE/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
 <groupId>local.flinkop</groupId><artifactId>flink-$V-classpath</artifactId><version>1</version><packaging>pom</packaging>
 <dependencies>
  <dependency><groupId>org.apache.flink</groupId><artifactId>flink-runtime</artifactId><version>$V</version></dependency>
  <dependency><groupId>org.apache.flink</groupId><artifactId>flink-clients</artifactId><version>$V</version></dependency>
  <dependency><groupId>org.apache.flink</groupId><artifactId>flink-runtime-web</artifactId><version>$V</version></dependency>
  <dependency><groupId>org.apache.flink</groupId><artifactId>flink-streaming-java</artifactId><version>$V</version></dependency>
  <dependency><groupId>org.apache.flink</groupId><artifactId>flink-rpc-akka-loader</artifactId><version>$V</version></dependency>
  <dependency><groupId>org.apache.flink</groupId><artifactId>flink-connector-files</artifactId><version>$V</version></dependency>
  <dependency><groupId>org.apache.flink</groupId><artifactId>flink-connector-datagen</artifactId><version>$V</version></dependency>
  <dependency><groupId>org.apache.flink</groupId><artifactId>flink-container</artifactId><version>$V</version></dependency>
  <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>2.24.3</version></dependency>
  <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>2.24.3</version></dependency>
  <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-1.2-api</artifactId><version>2.24.3</version></dependency>
 </dependencies></project>
POM
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
