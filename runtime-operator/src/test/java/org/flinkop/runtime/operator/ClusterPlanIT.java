package org.flinkop.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flinkop.runtime.operator.plan.ClusterPlanMain;
import org.flinkop.testkit.kube.KubeControlPlane;
import org.flinkop.testkit.kube.KubeNamespace;
import org.flinkop.testkit.kube.WithKubeApiServer;
import org.junit.jupiter.api.Test;

/**
 * {@code flinkctl plan --kubeconfig} as a user runs it (its main in a JVM of its own) against a real API server
 * and controller manager: the resource and its status are the in-cluster operator's (run in this JVM with the
 * testkit's Flink, as the other ITs run it), the JobManager pod is made ready as a kubelet would, and Flink's REST
 * API, a cluster-internal address, does not answer from here, as from a laptop.
 */
@WithKubeApiServer
class ClusterPlanIT {

    @Test
    void a_parallelism_change_of_a_stable_resource_plans_a_savepoint_upgrade_step_by_step(KubeNamespace namespace) throws Exception {
        String name = "basic-checkpoint-ha-example";
        try (KubeWorld world = new KubeWorld(namespace.controlPlane(), namespace.name())) {
            try (InProcessOperator operator = InProcessOperator.start(namespace.controlPlane(), InProcessOperator.testSettings(namespace.name()),
                    KubeWorld.itDir().resolve("logs").resolve(namespace.name() + ".log"))) {
                world.applyExample("basic-checkpoint-ha.yaml");
                KubeWorld.await(name + " stable", () -> "STABLE".equals(KubeWorld.status(world.flinkDeployment(name), "lifecycleState"))
                        && "RUNNING".equals(KubeWorld.status(world.flinkDeployment(name), "jobStatus", "state")), () -> KubeWorld.status(world.flinkDeployment(name)));
            }
            jobManagerPodReady(world.client(), namespace.name(), name);
        }
        Path changed = write(namespace, "p4.yaml", Files.readString(KubeWorld.examples().resolve("basic-checkpoint-ha.yaml"))
                .replace("parallelism: 2", "parallelism: 4"));

        Result plan = plan(namespace.controlPlane(), "-f", changed.toString(), "-n", namespace.name());

        assertThat(plan.exit()).as(plan.toString()).isZero();
        List<String> lines = plan.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("flinkdeployment/" + name + ":");
        assertThat(lines.get(1)).as(plan.toString()).matches("  1\\. stop job [0-9a-f]{32} with a savepoint");
        assertThat(lines.get(2)).startsWith("  2. remove the cluster");
        assertThat(lines.get(3)).isEqualTo("  3. deploy the cluster with parallelism 4, restoring from that savepoint");
        assertThat(lines.get(4)).isEqualTo("  Flink's REST API at http://" + name + "-rest." + namespace.name() + ":8081 does not answer from here (UNAVAILABLE);"
                + " assumed from the recorded status:");
        assertThat(lines.get(5)).matches("    the job as its status records it: [0-9a-f]{32} RUNNING");
        try (KubeWorld world = new KubeWorld(namespace.controlPlane(), namespace.name())) {
            assertThat(world.flinkDeployment(name).getAdditionalProperties().get("spec").toString()).as("nothing changed").contains("parallelism=2");
        }
    }

    @Test
    void an_invalid_document_gets_every_violation_with_its_field_path_and_no_plan(KubeNamespace namespace) throws IOException, InterruptedException {
        Path invalid = write(namespace, "invalid.yaml", """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata: {name: orders}
                spec:
                  flinkVersion: v1_20
                  jobManager: {resource: {memory: lots, cpu: 1}}
                  taskManager: {resource: {memory: 1g, cpu: "500m"}}
                  job: {jarURI: "s3://jobs/orders.jar", paralelism: 2, upgradeMode: last-state}
                """);

        Result plan = plan(namespace.controlPlane(), "-f", invalid.toString(), "-n", namespace.name());

        assertThat(plan.exit()).as(plan.toString()).isEqualTo(1);
        assertThat(plan.out()).isEmpty();
        assertThat(plan.err()).contains(invalid + ": 5 problem(s)", "  spec.jobManager.resource.memory: ", "  spec.taskManager.resource.cpu: ",
                "  spec.job.jarURI: ", "  spec.job.paralelism: unknown field", "  spec.job.upgradeMode: ", "[CHECKPOINT_DIR_MISSING]");
    }

    @Test
    void a_resource_not_yet_in_the_cluster_plans_its_creation(KubeNamespace namespace) throws IOException, InterruptedException {
        Path basic = KubeWorld.examples().resolve("basic.yaml");

        Result plan = plan(namespace.controlPlane(), "-f", basic.toString(), "-n", namespace.name());

        assertThat(plan.exit()).as(plan.toString()).isZero();
        assertThat(plan.out()).isEqualTo("""
                flinkdeployment/basic-example:
                  1. create the FlinkDeployment
                  2. deploy the cluster with parallelism 2, starting empty
                """);
    }

    // helpers

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    /** flinkctl plan --kubeconfig, in a JVM of its own. */
    private static Result plan(KubeControlPlane plane, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ClusterPlanMain.class.getName(), "plan", "--kubeconfig", plane.kubeconfig().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errors = new Thread(() -> {
            try {
                process.getErrorStream().transferTo(err);
            } catch (IOException e) {
                // the process ended
            }
        });
        errors.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
        }
        errors.join();
        return new Result(process.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Marks the JobManager's pod running and ready, as the kubelet the test control plane lacks would: the controller
     * manager then reports its Deployment ready, and the deployer observes the JobManager as READY.
     */
    private static void jobManagerPodReady(KubernetesClient client, String namespace, String name) {
        Map<String, String> labels = Map.of("app", name, "component", "jobmanager");
        KubeWorld.await("the JobManager pod created", () -> !client.pods().inNamespace(namespace).withLabels(labels).list().getItems().isEmpty(),
                () -> client.pods().inNamespace(namespace).list().getItems().stream().map(p -> p.getMetadata().getName()).toList());
        for (Pod pod : client.pods().inNamespace(namespace).withLabels(labels).list().getItems()) {
            pod.setStatus(new PodStatusBuilder().withPhase("Running").withConditions(
                    new PodConditionBuilder().withType("Ready").withStatus("True").build(),
                    new PodConditionBuilder().withType("ContainersReady").withStatus("True").build()).build());
            client.pods().inNamespace(namespace).resource(pod).updateStatus();
        }
        KubeWorld.await("the JobManager Deployment ready", () -> {
            var deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
            return deployment.getStatus() != null && deployment.getStatus().getReadyReplicas() != null && deployment.getStatus().getReadyReplicas() > 0;
        }, () -> client.apps().deployments().inNamespace(namespace).withName(name).get().getStatus());
    }

    private static Path write(KubeNamespace namespace, String name, String yaml) throws IOException {
        Path file = KubeWorld.itDir().resolve("plan").resolve(namespace.name() + "-" + name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, yaml);
    }
}
