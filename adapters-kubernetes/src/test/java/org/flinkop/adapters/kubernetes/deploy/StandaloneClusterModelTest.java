package org.flinkop.adapters.kubernetes.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.adapters.kubernetes.deploy.Fixtures.configFile;
import static org.flinkop.adapters.kubernetes.deploy.Fixtures.generate;
import static org.flinkop.adapters.kubernetes.deploy.Fixtures.mainContainer;
import static org.flinkop.adapters.kubernetes.deploy.Fixtures.quantity;
import static org.flinkop.adapters.kubernetes.deploy.Fixtures.request;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.stream.Stream;
import org.flinkop.domain.resource.KubernetesDeploymentMode;
import org.flinkop.domain.resource.StateLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What {@code examples/standalone.yaml} and its variations become: the objects the Apache operator's standalone mode creates. */
class StandaloneClusterModelTest {

    private static final String NAME = "basic-standalone-example";

    @Test
    void a_standalone_application_is_a_config_map_two_services_and_two_deployments() {
        DesiredCluster cluster = generate(request("standalone.yaml"));

        assertThat(cluster.objects()).extracting(o -> o.getKind() + " " + o.getMetadata().getName()).containsExactly(
                "ConfigMap flink-config-" + NAME,
                "Service " + NAME,
                "Service " + NAME + "-rest",
                "Deployment " + NAME,
                "Deployment " + NAME + "-taskmanager");
    }

    @Test
    void every_object_is_labelled_and_owned_by_the_flink_deployment() {
        for (HasMetadata object : generate(request("standalone.yaml")).objects()) {
            assertThat(object.getMetadata().getNamespace()).isEqualTo(Fixtures.NAMESPACE);
            assertThat(object.getMetadata().getLabels()).containsEntry("app", NAME).containsEntry("type", "flink-standalone-kubernetes")
                    .containsEntry("app.kubernetes.io/managed-by", "flinkop");
            assertThat(object.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
                assertThat(owner.getApiVersion()).isEqualTo("flink.apache.org/v1beta1");
                assertThat(owner.getKind()).isEqualTo("FlinkDeployment");
                assertThat(owner.getName()).isEqualTo(NAME);
                assertThat(owner.getUid()).isEqualTo(Fixtures.UID);
                assertThat(owner.getController()).isTrue();
            });
        }
    }

    @Test
    void the_task_managers_run_the_replicas_of_the_spec_with_their_resources() {
        DesiredCluster cluster = generate(request("standalone.yaml"));
        var tm = cluster.taskManager().get();

        assertThat(tm.getSpec().getReplicas()).isEqualTo(2);
        assertThat(tm.getMetadata().getLabels()).containsEntry("component", "taskmanager");
        assertThat(tm.getSpec().getSelector().getMatchLabels()).containsOnly(
                org.assertj.core.api.Assertions.entry("app", NAME), org.assertj.core.api.Assertions.entry("type", "flink-standalone-kubernetes"),
                org.assertj.core.api.Assertions.entry("component", "taskmanager"));
        var container = mainContainer(tm);
        assertThat(container.getImage()).isEqualTo("flink:1.20");
        assertThat(container.getCommand()).containsExactly("/docker-entrypoint.sh");
        assertThat(container.getArgs()).containsExactly("taskmanager");
        assertThat(quantity(container, "requests", "memory")).isEqualTo("2Gi");
        assertThat(quantity(container, "limits", "memory")).isEqualTo("2Gi");
        assertThat(quantity(container, "requests", "cpu")).isEqualTo("1");
        assertThat(container.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort()).containsExactly("rpc:6122");
        assertThat(tm.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("flink");
    }

    @Test
    void the_job_manager_runs_the_job_with_its_fixed_id_and_parallelism_from_the_configuration() {
        DesiredCluster cluster = generate(request("standalone.yaml"));
        var jm = cluster.jobManager();

        assertThat(jm.getSpec().getReplicas()).isEqualTo(1);
        assertThat(mainContainer(jm).getArgs()).containsExactly("standalone-job");
        assertThat(mainContainer(jm).getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
                .containsExactly("rest:8081", "jobmanager-rpc:6123", "blobserver:6124");
        assertThat(configFile(cluster))
                .containsEntry("$internal.pipeline.job-id", Fixtures.JOB_ID)
                .containsEntry("parallelism.default", "4")
                .containsEntry("taskmanager.numberOfTaskSlots", "2")
                .containsEntry("execution.target", "remote")
                .containsEntry("pipeline.jars", "local:///opt/flink/examples/streaming/StateMachineExample.jar")
                .containsEntry("pipeline.classpaths", "file:///opt/flink/examples/streaming/StateMachineExample.jar")
                .containsEntry("jobmanager.rpc.address", NAME + "." + Fixtures.NAMESPACE)
                .containsEntry("kubernetes.cluster-id", NAME)
                .containsEntry("kubernetes.namespace", Fixtures.NAMESPACE)
                .containsEntry("jobmanager.memory.process.size", "2048m")
                .containsEntry("taskmanager.memory.process.size", "2048m")
                .containsEntry("execution.shutdown-on-application-finish", "false")
                .doesNotContainKey("kubernetes.pod-template-file.taskmanager");
    }

    @Test
    void both_deployments_mount_the_configuration_with_its_files() {
        DesiredCluster cluster = generate(request("standalone.yaml"));

        assertThat(cluster.flinkConfig().getData()).containsOnlyKeys("flink-conf.yaml", "log4j-console.properties");
        for (var deployment : List.of(cluster.jobManager(), cluster.taskManager().get())) {
            assertThat(mainContainer(deployment).getVolumeMounts()).extracting(VolumeMount::getName, VolumeMount::getMountPath)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("flink-config-volume", "/opt/flink/conf"));
            var volume = deployment.getSpec().getTemplate().getSpec().getVolumes().get(0);
            assertThat(volume.getConfigMap().getName()).isEqualTo("flink-config-" + NAME);
            assertThat(volume.getConfigMap().getItems()).extracting(i -> i.getKey() + "->" + i.getPath())
                    .containsExactly("flink-conf.yaml->flink-conf.yaml", "log4j-console.properties->log4j-console.properties");
        }
    }

    @Test
    void the_services_reach_the_job_manager() {
        DesiredCluster cluster = generate(request("standalone.yaml"));

        assertThat(cluster.internalService().getSpec().getClusterIP()).isEqualTo("None");
        assertThat(cluster.internalService().getSpec().getPorts()).extracting(p -> p.getName() + ":" + p.getPort())
                .containsExactly("jobmanager-rpc:6123", "blobserver:6124");
        assertThat(cluster.restService().getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(cluster.restService().getSpec().getPorts()).extracting(p -> p.getName() + ":" + p.getPort()).containsExactly("rest:8081");
        assertThat(cluster.restService().getSpec().getSelector()).containsEntry("component", "jobmanager").containsEntry("app", NAME);
    }

    static Stream<Arguments> replicas() {
        return Stream.of(
                // replicas, parallelism, slots -> TaskManagers, parallelism.default
                Arguments.of(null, 4, "2", 2, "4"),
                Arguments.of(null, 5, "2", 3, "5"),
                Arguments.of(null, 1, "4", 1, "1"),
                Arguments.of(null, 3, null, 3, "3"),
                Arguments.of(3, 4, "2", 3, "6"),
                Arguments.of(1, 8, "4", 1, "4"));
    }

    @ParameterizedTest(name = "replicas {0}, parallelism {1}, slots {2}: {3} TaskManagers, parallelism {4}")
    @MethodSource("replicas")
    void task_managers_come_from_the_replicas_or_else_from_parallelism_and_slots(Integer replicas, int parallelism, String slots,
            int taskManagers, String effectiveParallelism) {
        var request = Fixtures.withSpec(request("standalone.yaml"), s -> {
            var changed = Fixtures.job(Fixtures.taskManagerReplicas(s, replicas), j -> Fixtures.parallelism(j, parallelism));
            return slots == null ? withoutSlots(changed) : Fixtures.configuration(changed, "taskmanager.numberOfTaskSlots", slots);
        });

        DesiredCluster cluster = generate(request);

        assertThat(cluster.taskManager().get().getSpec().getReplicas()).isEqualTo(taskManagers);
        assertThat(configFile(cluster)).containsEntry("parallelism.default", effectiveParallelism);
    }

    static Stream<Arguments> jobManagerArgs() {
        String ha = "-Djobmanager.rpc.address=$(_POD_IP_ADDRESS)";
        return Stream.of(
                Arguments.of("application", false, StateLocation.none(), List.of("standalone-job", "--job-classname", "org.example.Orders",
                        "--allowNonRestoredState", "--input", "kafka")),
                Arguments.of("from a savepoint", false, StateLocation.savepoint("s3://state/savepoints/sp-1"), List.of("standalone-job", "--job-classname",
                        "org.example.Orders", "--allowNonRestoredState", "--fromSavepoint", "s3://state/savepoints/sp-1", "--input", "kafka")),
                Arguments.of("from a checkpoint", false, StateLocation.checkpoint("s3://state/checkpoints/chk-7"), List.of("standalone-job", "--job-classname",
                        "org.example.Orders", "--allowNonRestoredState", "--fromSavepoint", "s3://state/checkpoints/chk-7", "--input", "kafka")),
                Arguments.of("from HA metadata, with HA", true, StateLocation.haMetadata(), List.of("standalone-job", "--job-classname",
                        "org.example.Orders", "--allowNonRestoredState", ha, "--input", "kafka")),
                Arguments.of("session", false, null, List.of("jobmanager")),
                Arguments.of("session with HA", true, null, List.of("jobmanager", ha)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jobManagerArgs")
    void the_job_manager_starts_as_the_apache_operator_starts_it(String what, boolean ha, StateLocation restore, List<String> args) {
        var base = restore == null ? request("basic-session-deployment.yaml") : Fixtures.restoring(Fixtures.withSpec(request("standalone.yaml"),
                s -> Fixtures.job(s, j -> Fixtures.entry(j, "org.example.Orders", List.of("--input", "kafka"), true))), restore);
        var request = Fixtures.withSpec(base, s -> {
            var standalone = Fixtures.mode(s, KubernetesDeploymentMode.STANDALONE);
            return ha ? Fixtures.configuration(Fixtures.configuration(standalone, "high-availability.type", "kubernetes"), "high-availability.storageDir",
                    "s3://state/ha") : standalone;
        });

        DesiredCluster cluster = generate(request);

        assertThat(mainContainer(cluster.jobManager()).getArgs()).containsExactlyElementsOf(args);
        assertThat(mainContainer(cluster.jobManager()).getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("_POD_IP_ADDRESS");
            assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
        });
    }

    @Test
    void a_standalone_session_cluster_runs_one_task_manager_unless_told_otherwise_and_has_no_job() {
        var request = Fixtures.withSpec(request("basic-session-deployment.yaml"), s -> Fixtures.mode(s, KubernetesDeploymentMode.STANDALONE));

        DesiredCluster cluster = generate(request);

        assertThat(cluster.taskManager().get().getSpec().getReplicas()).isEqualTo(1);
        assertThat(configFile(cluster)).doesNotContainKeys("$internal.pipeline.job-id", "pipeline.jars", "parallelism.default")
                .containsEntry("execution.target", "remote");
    }

    @Test
    void generating_twice_gives_the_same_objects() {
        assertThat(generate(request("standalone.yaml")).objects()).isEqualTo(generate(request("standalone.yaml")).objects());
    }

    private static org.flinkop.domain.resource.FlinkDeploymentSpec withoutSlots(org.flinkop.domain.resource.FlinkDeploymentSpec s) {
        var conf = new java.util.LinkedHashMap<>(s.configuration());
        conf.remove("taskmanager.numberOfTaskSlots");
        return new org.flinkop.domain.resource.FlinkDeploymentSpec(s.job(), s.restartNonce(), conf, s.image(), s.imagePullPolicy(), s.serviceAccount(),
                s.flinkVersion(), s.ingress(), s.podTemplate(), s.jobManager(), s.taskManager(), s.logConfiguration(), s.mode());
    }
}
