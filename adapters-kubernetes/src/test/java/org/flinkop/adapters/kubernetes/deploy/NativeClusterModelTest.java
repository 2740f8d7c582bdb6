package org.flinkop.adapters.kubernetes.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.adapters.kubernetes.deploy.Fixtures.configFile;
import static org.flinkop.adapters.kubernetes.deploy.Fixtures.generate;
import static org.flinkop.adapters.kubernetes.deploy.Fixtures.mainContainer;
import static org.flinkop.adapters.kubernetes.deploy.Fixtures.quantity;
import static org.flinkop.adapters.kubernetes.deploy.Fixtures.request;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the native-mode examples become: only the JobManager side, with the configuration Flink's native
 * integration reads to create its own TaskManager pods.
 */
class NativeClusterModelTest {

    static Stream<Arguments> nativeExamples() {
        return Stream.of(
                Arguments.of("basic.yaml", "kubernetes-application"),
                Arguments.of("basic-checkpoint-ha.yaml", "kubernetes-application"),
                Arguments.of("basic-session-deployment.yaml", "kubernetes-session"),
                Arguments.of("pod-template.yaml", "kubernetes-application"),
                Arguments.of("ingress.yaml", "kubernetes-application"),
                Arguments.of("log-configuration.yaml", "kubernetes-application"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nativeExamples")
    void the_job_manager_starts_flinks_native_entrypoint_and_no_task_manager_deployment_is_made(String example, String target) {
        DesiredCluster cluster = generate(request(example));
        String name = Fixtures.example(example).metadata().name();

        assertThat(cluster.taskManager()).isEmpty();
        assertThat(mainContainer(cluster.jobManager()).getCommand()).containsExactly("/docker-entrypoint.sh");
        assertThat(mainContainer(cluster.jobManager()).getArgs()).containsExactly("bash", "-c", "kubernetes-jobmanager.sh " + target);
        assertThat(cluster.jobManager().getMetadata().getLabels()).containsEntry("type", "flink-native-kubernetes").containsEntry("component", "jobmanager");
        assertThat(configFile(cluster))
                .containsEntry("execution.target", target)
                .containsEntry("kubernetes.cluster-id", name)
                .containsEntry("kubernetes.namespace", Fixtures.NAMESPACE)
                .containsEntry("kubernetes.service-account", "flink")
                .containsEntry("kubernetes.pod-template-file.taskmanager", "/opt/flink/pod-template/taskmanager-pod-template.yaml")
                .containsEntry("kubernetes.pod-template-file.jobmanager", "/opt/flink/pod-template/jobmanager-pod-template.yaml")
                .containsEntry("jobmanager.rpc.address", name + "." + Fixtures.NAMESPACE);
    }

    @Test
    void an_application_cluster_carries_its_job_in_the_configuration() {
        DesiredCluster cluster = generate(request("basic.yaml"));

        assertThat(configFile(cluster))
                .containsEntry("pipeline.jars", "local:///opt/flink/examples/streaming/StateMachineExample.jar")
                .containsEntry("parallelism.default", "2")
                .containsEntry("$internal.pipeline.job-id", Fixtures.JOB_ID)
                .containsEntry("kubernetes.container.image.ref", "flink:1.20")
                .containsEntry("kubernetes.jobmanager.cpu.amount", "1")
                .containsEntry("kubernetes.taskmanager.cpu.amount", "1")
                .containsEntry("taskmanager.memory.process.size", "2048m")
                .containsEntry("taskmanager.numberOfTaskSlots", "2")
                .doesNotContainKeys("pipeline.classpaths", "execution.state-recovery.path");
    }

    @Test
    void a_session_cluster_has_no_job() {
        assertThat(configFile(generate(request("basic-session-deployment.yaml"))))
                .doesNotContainKeys("$internal.pipeline.job-id", "pipeline.jars", "parallelism.default", "$internal.application.main")
                .containsEntry("state.checkpoints.dir", "file:///flink-data/checkpoints");
    }

    @Test
    void the_job_manager_mounts_the_configuration_and_the_pod_templates_flink_creates_task_managers_from() {
        DesiredCluster cluster = generate(request("basic.yaml"));
        var pod = cluster.jobManager().getSpec().getTemplate().getSpec();

        assertThat(mainContainer(cluster.jobManager()).getVolumeMounts()).extracting(VolumeMount::getName, VolumeMount::getMountPath).containsExactly(
                org.assertj.core.groups.Tuple.tuple("flink-config-volume", "/opt/flink/conf"),
                org.assertj.core.groups.Tuple.tuple("pod-template-volume", "/opt/flink/pod-template"));
        assertThat(pod.getVolumes()).extracting(v -> v.getName() + "=" + v.getConfigMap().getName() + v.getConfigMap().getItems().stream().map(i -> i.getKey()).toList())
                .containsExactly("flink-config-volume=flink-config-basic-example[flink-conf.yaml, log4j-console.properties]",
                        "pod-template-volume=flink-config-basic-example[taskmanager-pod-template.yaml, jobmanager-pod-template.yaml]");
        assertThat(cluster.flinkConfig().getData())
                .containsOnlyKeys("flink-conf.yaml", "log4j-console.properties", "taskmanager-pod-template.yaml", "jobmanager-pod-template.yaml");
        assertThat(pod.getServiceAccountName()).isEqualTo("flink");
        assertThat(quantity(mainContainer(cluster.jobManager()), "requests", "memory")).isEqualTo("2Gi");
    }

    @Test
    void high_availability_names_the_cluster_and_keeps_the_job_manager_port_fixed() {
        DesiredCluster cluster = generate(request("basic-checkpoint-ha.yaml"));

        assertThat(cluster.settings().highAvailability()).isTrue();
        assertThat(configFile(cluster))
                .containsEntry("high-availability.type", "kubernetes")
                .containsEntry("high-availability.cluster-id", "basic-checkpoint-ha-example")
                .containsEntry("high-availability.jobmanager.port", "6123")
                .containsEntry("execution.submit-failed-job-on-application-error", "true");
    }

    @Test
    void the_task_manager_pod_template_holds_the_users_templates_and_ephemeral_storage_for_flink_to_decorate() {
        DesiredCluster cluster = generate(request("pod-template.yaml"));
        Pod template = Serialization.unmarshal(cluster.flinkConfig().getData().get("taskmanager-pod-template.yaml"), Pod.class);

        assertThat(template.getSpec().getInitContainers()).extracting(c -> c.getName()).containsExactly("busybox");
        assertThat(template.getSpec().getContainers()).extracting(c -> c.getName()).containsExactly("flink-main-container", "fluentbit");
        var main = template.getSpec().getContainers().get(0);
        assertThat(main.getEnv()).extracting(e -> e.getName() + "=" + e.getValue()).containsExactly("TZ=UTC");
        assertThat(quantity(main, "requests", "ephemeral-storage")).isEqualTo("2Gi");
        assertThat(quantity(main, "limits", "ephemeral-storage")).isEqualTo("2Gi");
        assertThat(template.getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true");
    }
}
