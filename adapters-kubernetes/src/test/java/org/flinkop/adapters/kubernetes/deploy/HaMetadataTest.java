package org.flinkop.adapters.kubernetes.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HaMetadataTest {

    private static final String JOB = "3e3ae7b5a3b4c1f1a1d1e1f1a1b1c1d1";

    @Test
    void the_submitted_jobs_go_and_the_leaders_and_checkpoints_stay() {
        ConfigMap flink120 = configMap(Map.of("jobGraph-" + JOB, "graph", "address", "pekko.tcp://flink@127.0.0.1:6123/user/rpc/dispatcher_1",
                "sessionId", "abc", "checkpointID-0000000000000000042", "pointer", "counter", "43"));

        ConfigMap kept = HaMetadata.withoutJobGraphs(flink120);

        assertThat(HaMetadata.jobGraphKeys(flink120)).containsExactly("jobGraph-" + JOB);
        assertThat(kept.getData()).containsOnlyKeys("address", "sessionId", "checkpointID-0000000000000000042", "counter");
        assertThat(kept.getMetadata().getName()).isEqualTo("counter-cluster-config-map");
    }

    @Test
    void flink_2_keeps_its_jobs_as_execution_plans_and_applications() {
        ConfigMap flink23 = configMap(Map.of("executionPlan-" + JOB, "plan", "application-" + JOB, "app", "address", "a"));

        assertThat(HaMetadata.jobGraphKeys(flink23)).containsExactly("application-" + JOB, "executionPlan-" + JOB);
        assertThat(HaMetadata.withoutJobGraphs(flink23).getData()).containsOnlyKeys("address");
    }

    @Test
    void a_config_map_without_data_has_no_jobs() {
        assertThat(HaMetadata.jobGraphKeys(new ConfigMapBuilder().withNewMetadata().withName("x").endMetadata().build())).isEmpty();
    }

    @Test
    void the_new_job_gets_the_checkpoints_of_the_job_that_went_furthest() {
        String older = "00000000000000000000000000000001";
        String newer = "00000000000000000000000000000002";
        String next = "00000000000000000000000000000003";
        List<ConfigMap> left = List.of(configMap(Map.of("address", "a", "jobGraph-" + newer, "g")),
                named("counter-" + older + "-config-map", Map.of("checkpointID-0000000000000000007", "old", "counter", "8")),
                named("counter-" + newer + "-config-map", Map.of("checkpointID-0000000000000000041", "p41", "checkpointID-0000000000000000042", "p42",
                        "counter", "43")));

        ConfigMap carried = HaMetadata.carriedOver("counter", next, left).orElseThrow();

        assertThat(carried.getMetadata().getName()).isEqualTo("counter-" + next + "-config-map");
        assertThat(carried.getMetadata().getLabels()).containsEntry("configmap-type", "high-availability").containsEntry("app", "counter");
        assertThat(carried.getData()).containsOnly(Map.entry("checkpointID-0000000000000000041", "p41"), Map.entry("checkpointID-0000000000000000042", "p42"),
                Map.entry("counter", "43"));
    }

    @Test
    void nothing_is_carried_over_to_a_job_that_has_its_own_or_when_no_job_left_checkpoints() {
        String old = "00000000000000000000000000000001";
        String next = "00000000000000000000000000000002";
        ConfigMap oldJob = named("counter-" + old + "-config-map", Map.of("checkpointID-0000000000000000007", "p", "counter", "8"));

        assertThat(HaMetadata.carriedOver("counter", next, List.of(oldJob, named("counter-" + next + "-config-map", Map.of())))).isEmpty();
        assertThat(HaMetadata.carriedOver("counter", old, List.of(oldJob))).as("its own checkpoints").isEmpty();
        assertThat(HaMetadata.carriedOver("counter", next, List.of(named("counter-" + old + "-config-map", Map.of("counter", "1"))))).isEmpty();
        assertThat(HaMetadata.carriedOver("counter", next, List.of(named("counter-other-" + old + "-config-map", Map.of("checkpointID-1", "p")))))
                .as("another cluster's name").isEmpty();
    }

    private static ConfigMap named(String name, Map<String, String> data) {
        ConfigMap configMap = configMap(data);
        configMap.getMetadata().setName(name);
        return configMap;
    }

    private static ConfigMap configMap(Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName("counter-cluster-config-map")
                .withLabels(Map.of("app", "counter", "type", "flink-native-kubernetes", "configmap-type", "high-availability")).endMetadata()
                .withData(data).build();
    }
}
