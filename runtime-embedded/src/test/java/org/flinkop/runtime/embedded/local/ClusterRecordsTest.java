package org.flinkop.runtime.embedded.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.StateLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterRecordsTest {

    private static FlinkDeploymentSpec spec() {
        Map<String, Object> doc = Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkDeployment", "metadata", Map.of("name", "orders"),
                "spec", Map.of("flinkVersion", "v1_20", "flinkConfiguration", Map.of("state.savepoints.dir", "file:///sp", "taskmanager.numberOfTaskSlots", "2"),
                        "jobManager", Map.of("resource", Map.of("memory", "768m", "cpu", 1)),
                        "taskManager", Map.of("resource", Map.of("memory", "1024m", "cpu", 1)),
                        "job", Map.of("jarURI", "file:///jobs/orders.jar", "parallelism", 3, "upgradeMode", "savepoint", "args", java.util.List.of("--in", "a b"))));
        return ((FlinkDeployment) ResourceBinding.decode(doc).resource().get()).spec();
    }

    @Test
    void a_record_keeps_what_its_cluster_was_deployed_from(@TempDir Path dir) throws Exception {
        ClusterRecords.DeployedFrom from = new ClusterRecords.DeployedFrom(spec(), StateLocation.savepoint("file:///sp/savepoint-1"), "7c1d");
        ClusterRecords.ClusterRecord record = new ClusterRecords.ClusterRecord(ClusterRecords.digest(spec()), "0123456789abcdef0123456789abcdef",
                dir.resolve("work"), dir.resolve("checkpoints"), Optional.of(from));

        ClusterRecords.write(dir, record);

        assertThat(ClusterRecords.read(dir)).contains(record);
    }

    @Test
    void a_record_without_what_its_cluster_was_deployed_from_is_still_read(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("cluster.properties"), "specDigest=ab\njobId=0123456789abcdef0123456789abcdef\nworkDir=/w\ncheckpoints=/c\n");

        assertThat(ClusterRecords.read(dir)).hasValueSatisfying(record -> {
            assertThat(record.jobId()).isEqualTo("0123456789abcdef0123456789abcdef");
            assertThat(record.deployedFrom()).isEmpty();
        });
    }
}
