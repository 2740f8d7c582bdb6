package org.flinkop.adapters.kubernetes.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ReconciliationState;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.junit.jupiter.api.Test;

class ResourceMappingTest {

    private final ResourceMapping mapping = new ResourceMapping(StoredResources.SERIALIZATION);

    @Test
    void a_stored_resource_reads_with_its_metadata_spec_and_status() {
        GenericKubernetesResource stored = StoredResources.deployment("orders", "4711", 2,
                "{\"lifecycleState\": \"STABLE\", \"observedGeneration\": 3, \"jobStatus\": {\"state\": \"RUNNING\", \"jobId\": \"0123456789abcdef0123456789abcdef\"}}");

        FlinkDeployment read = (FlinkDeployment) mapping.toDomain(stored).get();

        assertThat(read.metadata().name()).isEqualTo("orders");
        assertThat(read.metadata().namespace()).isEqualTo("team-a");
        assertThat(read.metadata().uid()).isEqualTo("7c6c1f2e-5a3b-4c1d-9e8f-0a1b2c3d4e5f");
        assertThat(read.metadata().resourceVersion()).isEqualTo("4711");
        assertThat(read.metadata().generation()).isEqualTo(3L);
        assertThat(read.metadata().creationTimestamp()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(read.metadata().labels()).isEqualTo(Map.of("team", "a"));
        assertThat(read.metadata().annotations()).isEqualTo(Map.of("owner", "orders-team"));
        assertThat(read.metadata().finalizers()).containsExactly("flinkop.org/finalizer");
        assertThat(read.spec().job().parallelism()).isEqualTo(2);
        assertThat(read.status().lifecycleState()).isEqualTo(ResourceLifecycleState.STABLE);
        assertThat(read.status().jobStatus().state()).isEqualTo(FlinkJobState.RUNNING);
    }

    @Test
    void a_status_written_by_the_apache_operator_reads_without_its_json_string_specs() {
        GenericKubernetesResource stored = StoredResources.deployment("orders", "4711", 2, """
                {"lifecycleState": "STABLE", "jobManagerDeploymentStatus": "READY",
                 "jobStatus": {"state": "RUNNING", "startTime": "1700000000000", "savepointInfo": {"savepointHistory": []}},
                 "reconciliationStatus": {"state": "DEPLOYED", "lastReconciledSpec": "{\\"spec\\":{},\\"resource_metadata\\":{}}"}}""");

        FlinkDeployment read = (FlinkDeployment) mapping.toDomain(stored).get();

        assertThat(read.status().jobStatus().startTime()).isEqualTo(Instant.ofEpochMilli(1700000000000L));
        assertThat(read.status().reconciliationStatus().state()).isEqualTo(ReconciliationState.DEPLOYED);
        assertThat(read.status().reconciliationStatus().lastReconciledSpec()).isNull();
    }

    @Test
    void an_object_of_another_kind_is_not_a_flink_resource() {
        GenericKubernetesResource configMap = StoredResources.SERIALIZATION.unmarshal(
                "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"x\", \"namespace\": \"team-a\"}, \"data\": {}}",
                GenericKubernetesResource.class);

        assertThat(mapping.toDomain(configMap)).isEmpty();
    }

    @Test
    void a_create_sends_name_labels_annotations_and_spec_but_no_status_or_server_fields() {
        FlinkResource resource = mapping.toDomain(StoredResources.deployment("orders", "4711", 2, "{\"lifecycleState\": \"STABLE\"}")).get();

        Map<String, Object> sent = mapping.tree(mapping.forCreate(resource));

        assertThat(sent).containsOnlyKeys("apiVersion", "kind", "metadata", "spec");
        assertThat(metadata(sent)).containsOnlyKeys("name", "namespace", "labels", "annotations", "finalizers");
        assertThat(spec(sent)).containsEntry("flinkVersion", "v1_20").containsKey("job");
    }

    @Test
    void an_update_replaces_spec_labels_and_annotations_and_keeps_the_rest_of_the_stored_object() {
        GenericKubernetesResource stored = StoredResources.deployment("orders", "4711", 2, "{\"lifecycleState\": \"STABLE\"}");
        FlinkResource desired = mapping.toDomain(StoredResources.deployment("orders", null, 4, null)).get();
        desired = new FlinkDeployment(new org.flinkop.domain.resource.ObjectMeta("orders", "team-a", null, null, null, null, null,
                Map.of("team", "b"), Map.of(), List.of()), ((FlinkDeployment) desired).spec(), null);

        Map<String, Object> sent = mapping.tree(mapping.forUpdate(stored, desired));

        assertThat(metadata(sent)).containsEntry("resourceVersion", "4711").containsEntry("labels", Map.of("team", "b"))
                .doesNotContainKey("annotations").containsKeys("ownerReferences", "finalizers", "uid");
        assertThat(spec(sent)).extracting(s -> ((Map<?, ?>) s.get("job")).get("parallelism")).isEqualTo(4);
    }

    @Test
    void a_write_of_a_stored_object_leaves_out_its_managed_fields_which_the_api_server_then_keeps_and_the_stored_object_stays_as_it_was() {
        GenericKubernetesResource stored = StoredResources.deployment("orders", "4711", 2, "{\"lifecycleState\": \"STABLE\"}");
        String before = StoredResources.SERIALIZATION.asJson(stored);
        FlinkResource desired = mapping.toDomain(StoredResources.deployment("orders", null, 4, null)).get();

        Map<String, Object> finalizers = mapping.tree(mapping.withFinalizers(stored, List.of("flinkop.org/finalizer", "other/finalizer")));
        Map<String, Object> update = mapping.tree(mapping.forUpdate(stored, desired));

        assertThat(stored.getMetadata().getManagedFields()).hasSize(1);
        assertThat(metadata(finalizers)).doesNotContainKey("managedFields").containsEntry("finalizers", List.of("flinkop.org/finalizer", "other/finalizer"))
                .containsEntry("resourceVersion", "4711").containsKeys("uid", "ownerReferences", "labels", "annotations", "creationTimestamp", "generation");
        assertThat(finalizers).containsKeys("spec", "status");
        assertThat(metadata(update)).doesNotContainKey("managedFields");
        assertThat(StoredResources.SERIALIZATION.asJson(stored)).as("the informer's copy").isEqualTo(before);
    }

    @Test
    void a_status_write_sends_the_status_locked_on_the_version_it_was_read_at_and_no_spec() {
        FlinkResource resource = mapping.toDomain(StoredResources.deployment("orders", "4711", 2, "{\"lifecycleState\": \"STABLE\"}")).get();

        Map<String, Object> sent = mapping.tree(mapping.forStatus(resource));

        assertThat(sent).containsOnlyKeys("apiVersion", "kind", "metadata", "status");
        assertThat(metadata(sent)).containsOnly(Map.entry("name", "orders"), Map.entry("namespace", "team-a"), Map.entry("resourceVersion", "4711"));
        assertThat(((Map<?, ?>) sent.get("status")).get("lifecycleState")).isEqualTo("STABLE");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> tree) {
        return (Map<String, Object>) tree.get("metadata");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(Map<String, Object> tree) {
        return (Map<String, Object>) tree.get("spec");
    }
}
