package org.flinkop.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.runtime.operator.KubeWorld.await;
import static org.flinkop.runtime.operator.KubeWorld.status;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.testkit.kube.KubeNamespace;
import org.flinkop.testkit.kube.WithKubeApiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator, wired as its main wires it, against a real kube-apiserver and controller manager: FlinkDeployments
 * applied with kubectl become Kubernetes objects, spec changes become the right changes to those objects, and a
 * deletion leaves nothing behind. Flink itself is the testkit's fake (there is no kubelet to run its pods; see
 * {@link FakeFlinkAwareDeployer}).
 */
@WithKubeApiServer
class ApplicationLifecycleIT {

    private KubeWorld world;
    private InProcessOperator operator;

    @BeforeEach
    void start(KubeNamespace namespace) {
        world = new KubeWorld(namespace.controlPlane(), namespace.name());
        operator = InProcessOperator.start(namespace.controlPlane(), InProcessOperator.testSettings(namespace.name()),
                KubeWorld.itDir().resolve("logs").resolve(namespace.name() + ".log"));
    }

    @AfterEach
    void stop() throws IOException {
        operator.close();
        world.close();
    }

    @Test
    void an_application_gets_its_objects_owned_by_it_a_running_job_and_the_kubectl_status_columns() {
        world.applyExample("basic.yaml");
        awaitStable("basic-example");

        GenericKubernetesResource resource = world.flinkDeployment("basic-example");
        Deployment jobManager = world.deployment("basic-example");
        assertThat(jobManager).as("the JobManager Deployment").isNotNull();
        assertOwnedBy(jobManager.getMetadata().getOwnerReferences(), resource);
        for (String service : new String[] {"basic-example", "basic-example-rest"}) {
            var found = world.client().services().inNamespace(world.namespace()).withName(service).get();
            assertThat(found).as("Service %s", service).isNotNull();
            assertOwnedBy(found.getMetadata().getOwnerReferences(), resource);
        }
        ConfigMap config = world.configMap("flink-config-basic-example");
        assertThat(config).as("ConfigMap flink-config-basic-example").isNotNull();
        assertOwnedBy(config.getMetadata().getOwnerReferences(), resource);
        assertThat(config.getData()).containsKeys("taskmanager-pod-template.yaml", "jobmanager-pod-template.yaml");
        assertThat(status(resource, "jobStatus", "state")).isEqualTo("RUNNING");
        assertThat(status(resource, "jobManagerDeploymentStatus")).isEqualTo("READY");

        String table = world.kubectl("get", "flinkdep");
        assertThat(table).contains("JOB STATUS", "LIFECYCLE STATE").containsPattern("basic-example\\s+RUNNING\\s+STABLE");
    }

    @Test
    void parallelism_image_and_configuration_changes_upgrade_a_native_application() {
        world.applyExample("basic.yaml");
        awaitStable("basic-example");
        String firstJob = jobId("basic-example");

        world.patchFlinkDeployment("basic-example", "{\"spec\":{\"job\":{\"parallelism\":4}}}");
        awaitUpgraded("basic-example", firstJob);
        assertThat(flinkConf("basic-example")).containsPattern("parallelism\\.default:\\s*'?4'?\\s");
        String secondJob = jobId("basic-example");

        world.patchFlinkDeployment("basic-example", "{\"spec\":{\"image\":\"flink:1.20.1\"}}");
        awaitUpgraded("basic-example", secondJob);
        assertThat(mainContainerImage("basic-example")).isEqualTo("flink:1.20.1");
        String thirdJob = jobId("basic-example");

        world.patchFlinkDeployment("basic-example", "{\"spec\":{\"flinkConfiguration\":{\"pipeline.max-parallelism\":\"64\"}}}");
        awaitUpgraded("basic-example", thirdJob);
        assertThat(flinkConf("basic-example")).containsPattern("pipeline\\.max-parallelism:\\s*'?64'?\\s");
    }

    @Test
    void a_standalone_scale_change_under_the_reactive_scheduler_rescales_in_place_and_keeps_the_job() {
        world.applyExample("basic-reactive.yaml");
        String name = "basic-reactive-example";
        awaitStable(name);
        assertThat(world.deployment(name + "-taskmanager").getSpec().getReplicas()).isEqualTo(2);
        String job = jobId(name);
        String jobManagerUid = world.deployment(name).getMetadata().getUid();

        world.patchFlinkDeployment(name, "{\"spec\":{\"taskManager\":{\"replicas\":3},\"job\":{\"parallelism\":6}}}");
        await("the TaskManager Deployment scaled to 3", () -> Objects.equals(world.deployment(name + "-taskmanager").getSpec().getReplicas(), 3),
                () -> world.deployment(name + "-taskmanager").getSpec());
        await("parallelism 6 recorded as reconciled", () -> Integer.valueOf(6).equals(lastReconciled(name, "job", "parallelism"))
                && "STABLE".equals(status(world.flinkDeployment(name), "lifecycleState")), () -> status(world.flinkDeployment(name)));
        assertThat(flinkConf(name)).containsPattern("parallelism\\.default:\\s*'?6'?\\s");
        assertThat(jobId(name)).as("the job runs on, rescaled in place").isEqualTo(job);
        assertThat(world.deployment(name).getMetadata().getUid()).as("the JobManager Deployment is the same").isEqualTo(jobManagerUid);
    }

    @Test
    void deleting_an_application_removes_its_cluster_and_leaves_nothing_behind() {
        world.applyExample("standalone.yaml");
        String name = "basic-standalone-example";
        awaitStable(name);
        await("the controller manager made pods", () -> !world.client().pods().inNamespace(world.namespace()).withLabel("app", name).list().getItems().isEmpty(),
                () -> world.clusterObjectNames(Map.of("app", name)));

        world.kubectl("delete", "flinkdeployment", name, "--wait=false");

        await("the resource is gone (its finalizer removed after cleanup)", () -> world.flinkDeployment(name) == null, () -> world.flinkDeployment(name));
        await("no Deployment, ReplicaSet, pod, Service, ConfigMap or Ingress of the cluster is left",
                () -> world.clusterObjects(Map.of("app", name)).isEmpty(),
                () -> world.clusterObjectNames(Map.of("app", name)));
        assertThat(operator.flink().clusterExists(new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, world.namespace(), name))).isFalse();
    }

    private void awaitStable(String name) {
        await(name + " STABLE with a running job", () -> {
            GenericKubernetesResource r = world.flinkDeployment(name);
            return "STABLE".equals(status(r, "lifecycleState")) && "RUNNING".equals(status(r, "jobStatus", "state"));
        }, () -> status(world.flinkDeployment(name)));
    }

    /** Waits until a job other than {@code before} runs and the resource is stable again. */
    private void awaitUpgraded(String name, String before) {
        await(name + " upgraded to a new job", () -> {
            GenericKubernetesResource r = world.flinkDeployment(name);
            return "STABLE".equals(status(r, "lifecycleState")) && "RUNNING".equals(status(r, "jobStatus", "state"))
                    && !before.equals(status(r, "jobStatus", "jobId"));
        }, () -> status(world.flinkDeployment(name)));
    }

    private String jobId(String name) {
        return (String) status(world.flinkDeployment(name), "jobStatus", "jobId");
    }

    private Object lastReconciled(String name, String... path) {
        String[] full = new String[path.length + 3];
        full[0] = "reconciliationStatus";
        full[1] = "lastReconciledSpec";
        full[2] = "spec";
        System.arraycopy(path, 0, full, 3, path.length);
        Object withSpec = status(world.flinkDeployment(name), full);
        if (withSpec != null) {
            return withSpec;
        }
        String[] direct = new String[path.length + 2];
        direct[0] = "reconciliationStatus";
        direct[1] = "lastReconciledSpec";
        System.arraycopy(path, 0, direct, 2, path.length);
        return status(world.flinkDeployment(name), direct);
    }

    private String flinkConf(String name) {
        ConfigMap configMap = world.configMap("flink-config-" + name);
        return String.join("\n", configMap.getData().values()) + "\n";
    }

    private String mainContainerImage(String name) {
        return world.deployment(name).getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("flink-main-container")).findFirst().orElseThrow().getImage();
    }

    private static void assertOwnedBy(java.util.List<OwnerReference> owners, GenericKubernetesResource resource) {
        assertThat(owners).as("owner references").anySatisfy(owner -> {
            assertThat(owner.getKind()).isEqualTo("FlinkDeployment");
            assertThat(owner.getName()).isEqualTo(resource.getMetadata().getName());
            assertThat(owner.getUid()).isEqualTo(resource.getMetadata().getUid());
        });
    }
}
