package org.flinkop.domain.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.flinkop.domain.Docs.set;
import static org.flinkop.domain.Docs.tree;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.flinkop.domain.Docs;
import org.flinkop.domain.admission.Admission;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.FlinkStateSnapshot;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.ReconciliationState;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.domain.resource.SnapshotState;
import org.flinkop.domain.validation.ValidationContext;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class ResourceBindingTest {

    @Test
    void a_deployment_with_a_full_status_reads_and_writes_back_unchanged() {
        Map<String, Object> doc = Docs.application();
        Map<String, Object> spec = copy(doc.get("spec"));
        doc.put("status", tree(
                "jobStatus", tree("jobName", "orders", "jobId", "a1b2c3", "state", "RUNNING",
                        "startTime", "2026-11-01T10:00:00Z", "updateTime", "2026-11-01T10:05:00Z", "upgradeSavepointPath", "file:///sp/1"),
                "error", "none",
                "observedGeneration", 3L,
                "lifecycleState", "STABLE",
                "clusterInfo", tree("flink-version", "1.20.0"),
                "jobManagerDeploymentStatus", "READY",
                "reconciliationStatus", tree("reconciliationTimestamp", 1700000000000L, "lastReconciledSpec", spec, "lastStableSpec", spec, "state", "UPGRADING",
                        "upgrade", tree("phase", "STOPPING", "restoreFrom", tree("kind", "PENDING_SAVEPOINT", "savepointTriggerId", "t-1"),
                                "jobId", "0123456789abcdef0123456789abcdef", "startedAt", "2026-11-01T10:00:00Z", "attempts", 1)),
                "taskManager", tree("labelSelector", "app=orders", "replicas", 2),
                "conditions", List.of(tree("type", "Running", "status", "True", "reason", "JobRunning", "message", "the job runs",
                        "lastTransitionTime", "2026-11-01T10:00:00Z", "observedGeneration", 3L))));

        Bound bound = ResourceBinding.decode(doc);
        FlinkDeployment deployment = (FlinkDeployment) bound.resource().get();

        assertThat(bound.violations()).isEmpty();
        assertThat(bound.statusWarnings()).isEmpty();
        assertThat(deployment.status().jobStatus().state()).isEqualTo(FlinkJobState.RUNNING);
        assertThat(deployment.status().jobStatus().startTime()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(deployment.status().lifecycleState()).isEqualTo(ResourceLifecycleState.STABLE);
        assertThat(deployment.status().jobManagerDeploymentStatus()).isEqualTo(JobManagerDeploymentStatus.READY);
        assertThat(deployment.status().reconciliationStatus().state()).isEqualTo(ReconciliationState.UPGRADING);
        assertThat(deployment.status().reconciliationStatus().upgrade().restoreFrom()).isEqualTo(org.flinkop.domain.resource.StateLocation.pendingSavepoint("t-1"));
        assertThat(deployment.status().reconciliationStatus().lastReconciledSpec()).isEqualTo(deployment.spec());
        assertThat(Docs.canonical(ResourceBinding.encode(deployment))).isEqualTo(Docs.canonical(doc));
    }

    @Test
    void a_status_written_by_the_apache_operator_is_read_with_warnings_not_refused() {
        Map<String, Object> doc = Docs.application();
        doc.put("status", tree(
                "jobStatus", tree("state", "RUNNING", "startTime", "1700000000000", "savepointInfo", tree("savepointHistory", List.of())),
                "reconciliationStatus", tree("lastReconciledSpec", "{\"spec\":{},\"resource_metadata\":{}}", "state", "DEPLOYED"),
                "somethingNewer", true));

        Bound bound = ResourceBinding.decode(doc);

        assertThat(bound.violations()).isEmpty();
        assertThat(bound.statusWarnings()).extracting(v -> v.path()).containsExactlyInAnyOrder(
                "status.reconciliationStatus.lastReconciledSpec", "status.somethingNewer");
        FlinkDeployment deployment = (FlinkDeployment) bound.resource().get();
        assertThat(deployment.status().jobStatus().startTime()).isEqualTo(Instant.ofEpochMilli(1700000000000L));
        assertThat(Admission.admit(doc, ValidationContext.firstSight()).isRight()).isTrue();
    }

    @Test
    void a_snapshot_status_reads_and_writes_back_unchanged() {
        Map<String, Object> doc = Docs.savepointSnapshot();
        doc.put("status", tree("state", "COMPLETED", "triggerId", "t-1", "triggerTimestamp", "2026-11-01T10:00:00Z",
                "resultTimestamp", "2026-11-01T10:00:02Z", "path", "file:///flink-data/savepoints/savepoint-1", "failures", 0));

        FlinkStateSnapshot snapshot = (FlinkStateSnapshot) ResourceBinding.decode(doc).resource().get();

        assertThat(snapshot.status().state()).isEqualTo(SnapshotState.COMPLETED);
        assertThat(Docs.canonical(ResourceBinding.encode(snapshot))).isEqualTo(Docs.canonical(doc));
    }

    @Test
    void flink_configuration_is_flattened_as_flink_reads_yaml() {
        Map<String, Object> doc = set(Docs.application(), "spec.flinkConfiguration", tree(
                "taskmanager.numberOfTaskSlots", 2,
                "state", tree("checkpoints.dir", "file:///c", "savepoints", tree("dir", "file:///s")),
                "pipeline.jars", List.of("file:///a.jar", "file:///b.jar"),
                "execution.checkpointing.unaligned.enabled", true,
                "cpu.ratio", 0.50));

        FlinkDeployment deployment = (FlinkDeployment) Admission.admit(doc, ValidationContext.firstSight()).get();

        assertThat(deployment.spec().flinkConfiguration()).containsExactly(
                Map.entry("taskmanager.numberOfTaskSlots", "2"),
                Map.entry("state.checkpoints.dir", "file:///c"),
                Map.entry("state.savepoints.dir", "file:///s"),
                Map.entry("pipeline.jars", "file:///a.jar;file:///b.jar"),
                Map.entry("execution.checkpointing.unaligned.enabled", "true"),
                Map.entry("cpu.ratio", "0.5"));
    }

    @Test
    void pod_templates_are_kept_whole_and_cannot_be_changed_afterwards() {
        Map<String, Object> template = tree("spec", tree("containers", new ArrayList<>(List.of(tree("name", "flink-main-container")))));
        Map<String, Object> doc = set(Docs.application(), "spec.podTemplate", template);

        FlinkDeployment deployment = (FlinkDeployment) ResourceBinding.decode(doc).resource().get();
        ((List<Object>) ((Map<String, Object>) template.get("spec")).get("containers")).clear();

        Map<String, Object> kept = deployment.spec().podTemplate();
        assertThat(kept).isEqualTo(tree("spec", tree("containers", List.of(tree("name", "flink-main-container")))));
        assertThatCode(() -> ((List<Object>) ((Map<String, Object>) kept.get("spec")).get("containers")).clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void metadata_that_kubernetes_adds_is_tolerated() {
        Map<String, Object> doc = Docs.application();
        set(doc, "metadata.managedFields", List.of(tree("manager", "kubectl")));
        set(doc, "metadata.ownerReferences", List.of());
        set(doc, "metadata.uid", "0b1c");
        set(doc, "metadata.generation", 4);

        Bound bound = ResourceBinding.decode(doc);

        assertThat(bound.violations()).isEmpty();
        assertThat(bound.resource().get().metadata().generation()).isEqualTo(4L);
    }

    /** Seeded: replaces values at random places with random shapes; reading must report, never throw. */
    @Test
    void reading_never_throws_whatever_the_document_holds() {
        Random random = new Random(20261124L);
        List<Map<String, Object>> bases = List.of(Docs.application(), Docs.session(), Docs.sessionJob(), Docs.savepointSnapshot());
        for (int i = 0; i < 5_000; i++) {
            Map<String, Object> doc = copy(bases.get(random.nextInt(bases.size())));
            for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
                mutate(doc, random);
            }
            assertThatCode(() -> Admission.admit(doc, ValidationContext.firstSight())).as("document %s", doc).doesNotThrowAnyException();
            assertThatCode(() -> ResourceBinding.decode(doc).resource().forEach(ResourceBinding::encode)).as("document %s", doc).doesNotThrowAnyException();
        }
    }

    private static final Object[] SHAPES = {null, "", "x", "v1_20", "last-state", -1, 0, 7, 1L << 40, 2.5, Double.NaN, true,
            List.of(), List.of(1, "a"), Map.of(), Map.of("k", List.of(Map.of()))};

    @SuppressWarnings("unchecked")
    private static void mutate(Map<String, Object> node, Random random) {
        List<String> keys = new ArrayList<>(node.keySet());
        if (keys.isEmpty() || random.nextInt(6) == 0) {
            node.put("field" + random.nextInt(3), SHAPES[random.nextInt(SHAPES.length)]);
            return;
        }
        String key = keys.get(random.nextInt(keys.size()));
        Object child = node.get(key);
        if (child instanceof Map<?, ?> map && random.nextBoolean()) {
            Map<String, Object> mutable = copy(map);
            node.put(key, mutable);
            mutate(mutable, random);
        } else {
            node.put(key, SHAPES[random.nextInt(SHAPES.length)]);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Object node) {
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        ((Map<String, Object>) node).forEach((k, v) -> result.put(k, v instanceof Map<?, ?> ? copy(v) : v instanceof List<?> l ? new ArrayList<>(l) : v));
        return result;
    }
}
