#!/usr/bin/env bash
# The operator against a real kube-apiserver and controller manager (scripts/k8s-control-plane.sh build first; no
# kubelet, so pods stay Pending): N FlinkDeployments (default 100) in MODE native or standalone (default native).
# Reports the time until each has its Deployments and a status (p50, p100), the operator's RSS and heap (as its own
# JVM, sized as the install manifests size it), its CPU time over 60 s of steady state, and the time to delete them.
# Usage: scripts/bench-k8s.sh [N] [native|standalone]
set -euo pipefail
cd "$(dirname "$0")/.."
log="$(mktemp)"
# a reactor run up to package (the tests need the keyed-count job jar a sibling packages), so that both classpaths name the sibling modules' freshly built classes
if ! mvn -B -Dstyle.color=never -DskipTests package dependency:build-classpath -pl runtime-operator -am -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt >"$log" 2>&1; then cat "$log" >&2; rm -f "$log"; exit 2; fi
if ! mvn -B -Dstyle.color=never -DskipTests package dependency:build-classpath -pl runtime-operator -am -Dmdep.includeScope=runtime \
    -Dmdep.outputFile=target/operator-classpath.txt >"$log" 2>&1; then cat "$log" >&2; rm -f "$log"; exit 2; fi
rm -f "$log"
m=runtime-operator
exec java -Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC ${BENCH_JVM:-} -Dflinkop.root=. -Dbench.warmup="${BENCH_WARMUP:-20}" -Dbench.log.level="${BENCH_LOG_LEVEL:-info}" -Dbench.settle.seconds="${BENCH_SETTLE_SECONDS:-120}" -Dbench.operator.jvm="${BENCH_OPERATOR_JVM:-}" -Dbench.apiserver.profile="${BENCH_APISERVER_PROFILE:-}" -Dbench.operator.classpath="$m/target/classes:$(cat $m/target/operator-classpath.txt)" \
  -cp "$m/target/test-classes:$m/target/classes:$(cat $m/target/bench-classpath.txt)" org.flinkop.runtime.operator.KubernetesBenchmark "$@"
