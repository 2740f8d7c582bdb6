package org.flinkop.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.runtime.operator.KubeWorld.await;
import static org.flinkop.runtime.operator.KubeWorld.status;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.flinkop.runtime.operator.config.OperatorKeys;
import org.flinkop.testkit.kube.KubeNamespace;
import org.flinkop.testkit.kube.WithKubeApiServer;
import org.junit.jupiter.api.Test;

/**
 * Two operators as their own JVMs with leader election on, against the real API server (Flink faked as
 * {@link FakeFlinkOperatorMain} explains): one holds the Lease and acts, the other waits with warm caches and does
 * nothing; the leader killed with SIGKILL, the other takes the Lease and goes on, without doing again what was done;
 * an operator whose Lease another takes stops and exits with code 3.
 */
@WithKubeApiServer
class LeaderElectionIT {

    private static final String LEASE = "flinkop-leader";
    private static final String NAME = "basic-example";

    @Test
    void one_operator_acts_and_the_standby_takes_over_when_the_leader_is_killed(KubeNamespace namespace) throws Exception {
        Path dir = KubeWorld.itDir().resolve("leader").resolve(namespace.name());
        Path kubeconfig = kubeconfigIn(namespace, dir);
        try (KubeWorld world = new KubeWorld(namespace.controlPlane(), namespace.name());
                OperatorProcess a = start(dir.resolve("a"), kubeconfig, namespace.name(), "operator-a");
                OperatorProcess b = start(dir.resolve("b"), kubeconfig, namespace.name(), "operator-b")) {
            await("both operators ready", () -> a.get("/readyz") == 200 && b.get("/readyz") == 200, () -> a.stdout() + b.stdout());
            await("one operator holds the Lease", () -> !holder(world).isEmpty(), () -> lease(world));
            OperatorProcess leader = holder(world).startsWith("operator-a-") ? a : b;
            OperatorProcess standby = leader == a ? b : a;
            await("the leader's gauge", () -> metric(leader, "flinkop_leader") == 1, leader::stdout);
            assertThat(metric(standby, "flinkop_leader")).isZero();
            assertThat(standby.get("/healthz")).as("a standby is alive").isEqualTo(200);

            world.applyExample("basic.yaml");
            awaitStable(world);
            String jobManagerUid = world.deployment(NAME).getMetadata().getUid();
            String jobId = (String) status(world.flinkDeployment(NAME), "jobStatus", "jobId");
            assertThat(metric(standby, "flinkop_reconcile_passes_total{kind=\"FlinkDeployment\"}")).as("the standby ran no pass").isZero();
            assertThat(metrics(standby)).as("the standby recorded no event").doesNotContain("flinkop_events_total{");
            assertThat(standby.stdout()).doesNotContain("msg=event").contains("msg=\"leader election: another operator leads\"");
            Map<String, Integer> eventsBefore = events(world);

            long killedAt = System.nanoTime();
            assertThat(leader.kill(Duration.ofSeconds(30))).as("killed by SIGKILL").isEqualTo(137);
            await("the standby takes the Lease", () -> holder(world).startsWith(podName(standby, a)), () -> lease(world));
            System.out.printf("leader election: the standby took the Lease %d ms after the leader was killed (lease 4 s, renew 3 s, retry 1 s)%n",
                    Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
            await("the new leader has looked at the deployment", () -> metric(standby, "flinkop_reconcile_passes_total{kind=\"FlinkDeployment\"}") >= 2,
                    standby::stdout);

            GenericKubernetesResource taken = world.flinkDeployment(NAME);
            assertThat(status(taken, "lifecycleState")).isEqualTo("STABLE");
            assertThat(status(taken, "jobStatus", "jobId")).as("the same job runs on").isEqualTo(jobId);
            assertThat(world.deployment(NAME).getMetadata().getUid()).as("the JobManager Deployment was not made again").isEqualTo(jobManagerUid);
            assertThat(events(world)).as("no event recorded again for what was already decided").isEqualTo(eventsBefore);

            world.patchFlinkDeployment(NAME, "{\"spec\":{\"job\":{\"parallelism\":4}}}");
            await("the new leader upgraded the job", () -> {
                GenericKubernetesResource r = world.flinkDeployment(NAME);
                return "STABLE".equals(status(r, "lifecycleState")) && "RUNNING".equals(status(r, "jobStatus", "state"))
                        && !jobId.equals(status(r, "jobStatus", "jobId"));
            }, () -> status(world.flinkDeployment(NAME)));
            GenericKubernetesResource upgraded = world.flinkDeployment(NAME);
            assertThat(((Number) status(upgraded, "observedGeneration")).longValue()).isEqualTo(upgraded.getMetadata().getGeneration());
            // the upgrade's own events (its new job runs "with empty state" again, as the first one did, in an Event of its own)
            assertThat(world.events().stream().filter(e -> e.getInvolvedObject().getKind().startsWith("Flink")).map(Event::getCount))
                    .as("no event recorded twice: %s", events(world)).allSatisfy(count -> assertThat(count).isIn(null, 1));

            // someone else takes the Lease: the leader stops acting and exits with code 3, to come back as a standby
            world.client().leases().inNamespace(namespace.name()).resource(new LeaseBuilder(lease(world)).editSpec().withHolderIdentity("intruder")
                    .endSpec().build()).update();
            assertThat(standby.awaitExit(Duration.ofSeconds(60))).isEqualTo(OperatorMain.LOST_LEADERSHIP);
            assertThat(standby.stdout()).contains("msg=\"leader election: this operator lost the Lease; it stops acting and exits\"");
            assertThat(standby.stderr()).contains("the Lease names another holder: intruder").doesNotContain("\tat ");
        }
    }

    private static OperatorProcess start(Path dir, Path kubeconfig, String namespace, String podName) {
        Map<String, String> settings = new LinkedHashMap<>(InProcessOperator.testSettings(namespace));
        settings.remove(OperatorKeys.HEALTH_PROBE_PORT);
        settings.put(OperatorKeys.LEADER_ELECTION_ENABLED, "true");
        settings.put(OperatorKeys.LEADER_ELECTION_LEASE_NAME, LEASE);
        settings.put(OperatorKeys.LEADER_ELECTION_LEASE_DURATION, "4 s");
        settings.put(OperatorKeys.LEADER_ELECTION_RENEW_DEADLINE, "3 s");
        settings.put(OperatorKeys.LEADER_ELECTION_RETRY_PERIOD, "1 s");
        return OperatorProcess.start(FakeFlinkOperatorMain.class, dir, kubeconfig, settings, Map.of("POD_NAME", podName), List.of("-Xmx192m"),
                System.getProperty("java.class.path"));
    }

    /** The control plane's kubeconfig with the test's namespace as the context's: the operator's own namespace, where its Lease is. */
    private static Path kubeconfigIn(KubeNamespace namespace, Path dir) throws java.io.IOException {
        String text = Files.readString(namespace.controlPlane().kubeconfig());
        assertThat(text).contains("namespace: default");
        Files.createDirectories(dir);
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, text.replace("namespace: default", "namespace: " + namespace.name()));
        return file;
    }

    private static String podName(OperatorProcess process, OperatorProcess a) {
        return process == a ? "operator-a-" : "operator-b-";
    }

    private static Lease lease(KubeWorld world) {
        return world.client().leases().inNamespace(world.namespace()).withName(LEASE).get();
    }

    private static String holder(KubeWorld world) {
        Lease lease = lease(world);
        return lease == null || lease.getSpec() == null || lease.getSpec().getHolderIdentity() == null ? "" : lease.getSpec().getHolderIdentity();
    }

    private static void awaitStable(KubeWorld world) {
        await(NAME + " STABLE with a running job", () -> {
            GenericKubernetesResource r = world.flinkDeployment(NAME);
            return "STABLE".equals(status(r, "lifecycleState")) && "RUNNING".equals(status(r, "jobStatus", "state"));
        }, () -> status(world.flinkDeployment(NAME)));
    }

    /** Each Event about a custom resource (not the controller manager's), by its object, reason and message, with its count. */
    private static Map<String, Integer> events(KubeWorld world) {
        return world.events().stream().filter(e -> e.getInvolvedObject().getKind().startsWith("Flink")).collect(Collectors.toMap(LeaderElectionIT::describe, e -> Objects.requireNonNullElse(e.getCount(), 1), Integer::sum,
                java.util.TreeMap::new));
    }

    private static String describe(Event event) {
        return event.getInvolvedObject().getKind() + "/" + event.getInvolvedObject().getName() + " " + event.getReason() + ": " + event.getMessage();
    }

    private static String metrics(OperatorProcess process) {
        var response = process.fetch("/metrics");
        return response == null ? "" : response.body();
    }

    /** A sample's value (labels included in {@code sample}); -1 while the operator does not answer or has no such sample. */
    private static long metric(OperatorProcess process, String sample) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(metrics(process));
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : -1;
    }
}
