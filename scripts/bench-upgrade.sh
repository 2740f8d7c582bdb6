#!/usr/bin/env bash
# A savepoint upgrade on real Flink, local processes: the time the job does not run, and how much of it is the
# operator's. Usage: scripts/bench-upgrade.sh [UPGRADES] [VERSION...]   (default: 5 upgrades on 1.20.0 and 2.3.0)
set -euo pipefail
cd "$(dirname "$0")/.."
versions=("${@:2}")
[ ${#versions[@]} -gt 0 ] || versions=(1.20.0 2.3.0)
for v in "${versions[@]}"; do bash scripts/flink-classpath.sh "$v" >/dev/null; done
log="$(mktemp)"
# one reactor run, so the classpath names the sibling modules' freshly built classes and the keyed-state job jar
if ! mvn -B -Dstyle.color=never package -DskipTests dependency:build-classpath -pl runtime-embedded -am -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt >"$log" 2>&1; then cat "$log" >&2; rm -f "$log"; exit 2; fi
rm -f "$log"
work="runtime-embedded/target/bench"
mkdir -p "$work"
exec java -Xmx1g -Dflinkop.root="$PWD" -Dflinkop.it.dir="$work" \
  -Dflinkop.keyed-count-job="$(ls runtime-embedded/target/flinkop-runtime-embedded-*-keyed-count-job.jar)" \
  -cp "runtime-embedded/target/test-classes:runtime-embedded/target/classes:$(cat runtime-embedded/target/bench-classpath.txt)" \
  org.flinkop.runtime.embedded.local.UpgradeDowntimeBenchmark "${1:-5}" "${versions[@]}"
