package org.flinkop.adapters.kubernetes.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.adapters.kubernetes.deploy.Fixtures.generate;
import static org.flinkop.adapters.kubernetes.deploy.Fixtures.mainContainer;
import static org.flinkop.adapters.kubernetes.deploy.Fixtures.quantity;
import static org.flinkop.adapters.kubernetes.deploy.Fixtures.request;

import io.fabric8.kubernetes.api.model.Container;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flinkop.domain.resource.KubernetesDeploymentMode;
import org.flinkop.ports.PortFailure;
import org.junit.jupiter.api.Test;

/** Pod templates at three levels: {@code spec.podTemplate}, then the JobManager's or TaskManager's, then Flink's own container settings. */
class PodTemplateModelTest {

    @Test
    void a_component_template_changes_the_main_container_by_name_and_keeps_the_common_sidecar() {
        Map<String, Object> common = Map.of("spec", Map.of("containers", List.of(
                Map.of("name", "flink-main-container", "env", List.of(Map.of("name", "TZ", "value", "UTC"))),
                Map.of("name", "sidecar", "image", "busybox"))));
        Map<String, Object> component = Map.of("spec", Map.of("containers", List.of(
                Map.of("name", "flink-main-container", "env", List.of(Map.of("name", "LANG", "value", "C"))),
                Map.of("name", "metrics", "image", "exporter"))));

        Map<String, Object> merged = PodTemplateModel.merge(common, component);

        assertThat(merged).isEqualTo(Map.of("spec", Map.of("containers", List.of(
                Map.of("name", "flink-main-container", "env", List.of(Map.of("name", "TZ", "value", "UTC"), Map.of("name", "LANG", "value", "C"))),
                Map.of("name", "sidecar", "image", "busybox"),
                Map.of("name", "metrics", "image", "exporter")))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void unnamed_objects_merge_by_position_plain_lists_are_replaced_and_null_removes() {
        Map<String, Object> common = Map.of("spec", Map.of(
                "tolerations", List.of(Map.of("key", "a", "effect", "NoSchedule")),
                "nodeSelector", Map.of("disk", "ssd"),
                "containers", List.of(Map.of("name", "flink-main-container", "command", List.of("a", "b")))));
        Map<String, Object> component = new HashMap<>(Map.of("spec", new HashMap<>(Map.of(
                "tolerations", List.of(Map.of("operator", "Exists")),
                "containers", List.of(Map.of("name", "flink-main-container", "command", List.of("c")))))));
        ((Map<String, Object>) component.get("spec")).put("nodeSelector", null);

        Map<String, Object> merged = PodTemplateModel.merge(common, component);

        assertThat(merged).isEqualTo(Map.of("spec", Map.of(
                "tolerations", List.of(Map.of("key", "a", "effect", "NoSchedule", "operator", "Exists")),
                "containers", List.of(Map.of("name", "flink-main-container", "command", List.of("c"))))));
    }

    @Test
    void neither_template_gives_none_and_one_gives_a_copy_of_it() {
        Map<String, Object> only = Map.of("metadata", Map.of("labels", Map.of("team", "a")));

        assertThat(PodTemplateModel.merge(null, null)).isNull();
        assertThat(PodTemplateModel.merge(only, null)).isEqualTo(only).isNotSameAs(only);
        assertThat(PodTemplateModel.merge(null, only)).isEqualTo(only);
    }

    @Test
    void the_job_manager_of_the_example_gets_the_common_sidecar_the_component_request_and_flinks_settings() {
        DesiredCluster cluster = generate(request("pod-template.yaml"));
        var pod = cluster.jobManager().getSpec().getTemplate();
        Container main = mainContainer(cluster.jobManager());

        assertThat(pod.getSpec().getContainers()).extracting(Container::getName).containsExactly("flink-main-container", "fluentbit");
        assertThat(main.getEnv()).extracting(e -> e.getName()).containsExactly("TZ", "_POD_IP_ADDRESS");
        assertThat(main.getVolumeMounts()).extracting(m -> m.getName() + ":" + m.getMountPath())
                .containsExactly("flink-logs:/opt/flink/log", "flink-config-volume:/opt/flink/conf", "pod-template-volume:/opt/flink/pod-template");
        assertThat(quantity(main, "requests", "memory")).isEqualTo("2Gi");
        assertThat(quantity(main, "requests", "ephemeral-storage")).isEqualTo("1Gi");
        assertThat(quantity(main, "limits", "ephemeral-storage")).isEqualTo("1Gi");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true");
        assertThat(pod.getMetadata().getLabels()).containsEntry("app", "pod-template-example").containsEntry("component", "jobmanager");
        assertThat(pod.getSpec().getVolumes()).extracting(v -> v.getName()).containsExactly("flink-logs", "flink-config-volume", "pod-template-volume");
        assertThat(pod.getSpec().getInitContainers()).isEmpty();
    }

    @Test
    void the_specs_memory_and_cpu_win_over_the_templates_requests_as_flink_sizes_its_container_itself() {
        var request = Fixtures.withSpec(request("pod-template.yaml"), s -> new org.flinkop.domain.resource.FlinkDeploymentSpec(s.job(), s.restartNonce(),
                s.flinkConfiguration(), s.image(), s.imagePullPolicy(), s.serviceAccount(), s.flinkVersion(), s.ingress(), s.podTemplate(),
                new org.flinkop.domain.resource.JobManagerSpec(new org.flinkop.domain.resource.Resource(0.5, "3g", "1Gi"), null, s.jobManager().podTemplate()),
                s.taskManager(), s.logConfiguration(), s.mode()));
        Container main = mainContainer(generate(request).jobManager());

        assertThat(quantity(main, "requests", "memory")).isEqualTo("3Gi");
        assertThat(quantity(main, "requests", "cpu")).isEqualTo("500m");
        assertThat(quantity(main, "limits", "memory")).isEqualTo("3Gi");
    }

    @Test
    void the_task_managers_of_the_example_in_standalone_mode_get_the_init_container_sidecar_and_their_resources() {
        var request = Fixtures.withSpec(request("pod-template.yaml"), s -> Fixtures.mode(s, KubernetesDeploymentMode.STANDALONE));
        var tm = generate(request).taskManager().get();
        Container main = mainContainer(tm);

        assertThat(tm.getSpec().getTemplate().getSpec().getInitContainers()).extracting(Container::getName).containsExactly("busybox");
        assertThat(tm.getSpec().getTemplate().getSpec().getContainers()).extracting(Container::getName).containsExactly("flink-main-container", "fluentbit");
        assertThat(main.getArgs()).containsExactly("taskmanager");
        assertThat(main.getEnv()).extracting(e -> e.getName() + "=" + e.getValue()).containsExactly("TZ=UTC");
        assertThat(quantity(main, "requests", "memory")).isEqualTo("2Gi");
        assertThat(quantity(main, "requests", "ephemeral-storage")).isEqualTo("2Gi");
        assertThat(quantity(main, "limits", "cpu")).isEqualTo("1");
    }

    @Test
    void a_template_that_is_not_a_pod_is_refused_naming_the_level_it_came_from() {
        var broken = Map.<String, Object>of("spec", Map.of("containers", "flink-main-container"));
        var common = Fixtures.withSpec(request("basic.yaml"), s -> new org.flinkop.domain.resource.FlinkDeploymentSpec(s.job(), s.restartNonce(),
                s.flinkConfiguration(), s.image(), s.imagePullPolicy(), s.serviceAccount(), s.flinkVersion(), s.ingress(), broken, s.jobManager(),
                s.taskManager(), s.logConfiguration(), s.mode()));
        var jobManager = Fixtures.withSpec(request("basic.yaml"), s -> new org.flinkop.domain.resource.FlinkDeploymentSpec(s.job(), s.restartNonce(),
                s.flinkConfiguration(), s.image(), s.imagePullPolicy(), s.serviceAccount(), s.flinkVersion(), s.ingress(), s.podTemplate(),
                new org.flinkop.domain.resource.JobManagerSpec(s.jobManager().resource(), null, broken), s.taskManager(), s.logConfiguration(), s.mode()));

        assertThat(ClusterModel.of(common).getLeft()).satisfies(f -> {
            assertThat(f.reason()).isEqualTo(PortFailure.Reason.REJECTED);
            assertThat(f.message()).startsWith("spec.podTemplate: is not a pod template");
        });
        assertThat(ClusterModel.of(jobManager).getLeft().message()).startsWith("spec.jobManager.podTemplate: is not a pod template");
    }
}
