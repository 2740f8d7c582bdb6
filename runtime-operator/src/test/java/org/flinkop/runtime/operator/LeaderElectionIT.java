package org.flinkop.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.runtime.operator.ElectingOperators.flinkEvents;
import static org.flinkop.runtime.operator.ElectingOperators.holder;
import static org.flinkop.runtime.operator.ElectingOperators.lease;
import static org.flinkop.runtime.operator.ElectingOperators.metric;
import static org.flinkop.runtime.operator.ElectingOperators.metrics;
import static org.flinkop.runtime.operator.KubeWorld.await;
import static org.flinkop.runtime.operator.KubeWorld.status;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    private static final String NAME = "basic-example";

    @Test
    void one_operator_acts_and_the_standby_takes_over_when_the_leader_is_killed(KubeNamespace namespace) throws Exception {
        Path dir = KubeWorld.itDir().resolve("leader").resolve(namespace.name());
        Path kubeconfig = ElectingOperators.kubeconfigIn(namespace, dir);
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
            Map<String, Integer> eventsBefore = flinkEvents(world);

            long killedAt = System.nanoTime();
            assertThat(leader.kill(Duration.ofSeconds(30))).as("killed by SIGKILL").isEqualTo(137);
            await("the standby takes the Lease", () -> holder(world).startsWith(podName(standby, a)), () -> lease(world));
            System.out.printf("leader election: the standby took the Lease %d ms after the leader was killed (lease 4 s, renew 3 s, retry 1 s)%n",
                    Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
            await("the new leader has looked at the deployment", () -> metric(standby, "flinkop_reconcile_passes_total{kind=\"FlinkDeployment\"}") >= 1,
                    standby::stdout);

            GenericKubernetesResource taken = world.flinkDeployment(NAME);
            assertThat(status(taken, "lifecycleState")).isEqualTo("STABLE");
            assertThat(status(taken, "jobStatus", "jobId")).as("the same job runs on").isEqualTo(jobId);
            assertThat(world.deployment(NAME).getMetadata().getUid()).as("the JobManager Deployment was not made again").isEqualTo(jobManagerUid);
            assertThat(flinkEvents(world)).as("no event recorded again for what was already decided").isEqualTo(eventsBefore);

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
                    .as("no event recorded twice: %s", flinkEvents(world)).allSatisfy(count -> assertThat(count).isIn(null, 1));

            // someone else takes the Lease: the leader stops acting and exits with code 3, to come back as a standby
            world.client().leases().inNamespace(namespace.name()).resource(new LeaseBuilder(lease(world)).editSpec().withHolderIdentity("intruder")
                    .endSpec().build()).update();
            assertThat(standby.awaitExit(Duration.ofSeconds(60))).isEqualTo(OperatorMain.LOST_LEADERSHIP);
            assertThat(standby.stdout()).contains("msg=\"leader election: this operator lost the Lease; it stops acting and exits\"");
            assertThat(standby.stderr()).contains("the Lease names another holder: intruder").doesNotContain("\tat ");
        }
    }

    private static OperatorProcess start(Path dir, Path kubeconfig, String namespace, String podName) {
        return ElectingOperators.start(FakeFlinkOperatorMain.class, dir, kubeconfig, namespace, podName, List.of("-Xmx192m"));
    }

    private static String podName(OperatorProcess process, OperatorProcess a) {
        return process == a ? "operator-a-" : "operator-b-";
    }

    private static void awaitStable(KubeWorld world) {
        await(NAME + " STABLE with a running job", () -> {
            GenericKubernetesResource r = world.flinkDeployment(NAME);
            return "STABLE".equals(status(r, "lifecycleState")) && "RUNNING".equals(status(r, "jobStatus", "state"));
        }, () -> status(world.flinkDeployment(NAME)));
    }
}
