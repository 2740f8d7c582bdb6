package org.flinkop.ports.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.ObjectMeta;
import org.flinkop.domain.resource.ReconciliationState;
import org.flinkop.domain.resource.ReconciliationStatus;
import org.junit.jupiter.api.Test;

/** When a pass looks for a cluster's HA metadata, and when it spares the API server the look-up. */
class HaMetadataMattersTest {

    private static final Map<String, String> HA = Map.of("high-availability.type", "kubernetes", "high-availability.storageDir", "file:///ha");

    @Test
    void a_cluster_without_high_availability_is_observed_without_looking_for_ha_metadata() {
        assertThat(DeploymentPass.haMetadataMatters(session(Map.of()))).isFalse();
    }

    @Test
    void high_availability_in_the_spec_or_in_the_one_deployed_makes_it_matter() {
        FlinkDeployment withHa = session(HA);
        FlinkDeployment turnedOff = session(Map.of());
        FlinkDeployment deployedWithHa = turnedOff.withStatus(new FlinkDeploymentStatus(null, null, null, null, null, null,
                new ReconciliationStatus<>(0L, withHa.spec(), null, ReconciliationState.DEPLOYED, null), null, null, null));

        assertThat(DeploymentPass.haMetadataMatters(withHa)).isTrue();
        assertThat(DeploymentPass.haMetadataMatters(deployedWithHa)).as("the metadata of the cluster running now").isTrue();
    }

    @Test
    void a_resource_being_deleted_always_looks_for_what_its_cluster_left() {
        FlinkDeployment d = session(Map.of());
        ObjectMeta m = d.metadata();
        FlinkDeployment deleting = new FlinkDeployment(new ObjectMeta(m.name(), m.namespace(), m.uid(), m.resourceVersion(), m.generation(),
                m.creationTimestamp(), Instant.EPOCH, m.labels(), m.annotations(), m.finalizers()), d.spec(), d.status());

        assertThat(DeploymentPass.haMetadataMatters(deleting)).isTrue();
    }

    private static FlinkDeployment session(Map<String, String> configuration) {
        Map<String, Object> doc = map("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkDeployment",
                "metadata", map("name", "session", "namespace", "streaming"),
                "spec", map("flinkVersion", "v1_20", "flinkConfiguration", new LinkedHashMap<>(configuration),
                        "jobManager", map("resource", map("memory", "1g", "cpu", 1)),
                        "taskManager", map("resource", map("memory", "1g", "cpu", 1))));
        return (FlinkDeployment) ResourceBinding.decode(doc).resource().get();
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
