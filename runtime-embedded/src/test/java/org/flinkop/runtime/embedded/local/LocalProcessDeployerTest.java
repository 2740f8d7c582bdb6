package org.flinkop.runtime.embedded.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.ports.cluster.ClusterOwner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalProcessDeployerTest {

    @Test
    void high_availability_is_off_whatever_the_spec_asks_for() {
        Map<String, String> spec = Map.of("high-availability.type", "kubernetes", "high-availability", "zookeeper",
                "high-availability.storageDir", "file:///flink-data/ha", "taskmanager.numberOfTaskSlots", "2");

        assertThat(LocalProcessDeployer.withoutHighAvailability(spec)).containsEntry("high-availability.type", "NONE")
                .doesNotContainKey("high-availability").containsEntry("taskmanager.numberOfTaskSlots", "2");
    }

    @ParameterizedTest(name = "parallelism {0}, {1} slots, replicas {2}: {3} TaskManagers")
    @CsvSource(nullValues = "-", value = {"1, 2, -, 1", "2, 2, -, 1", "3, 2, -, 2", "5, 2, -, 3", "4, 1, -, 4", "3, 2, 5, 5", "-, 2, -, 1"})
    void the_task_managers_are_the_replicas_or_what_the_parallelism_needs(Integer parallelism, int slots, Integer replicas, int expected) {
        assertThat(LocalProcessDeployer.taskManagers(spec(parallelism, replicas), slots)).isEqualTo(expected);
    }

    @Test
    void a_cluster_that_cannot_start_is_an_error_whose_cause_is_in_its_log_directory() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "local-deployer-test")).resolve(Long.toString(System.nanoTime()));
        Map<String, Object> session = Map.of("flinkVersion", "v1_20", "jobManager", Map.of("resource", Map.of("memory", "1g", "cpu", 1)),
                "taskManager", Map.of("resource", Map.of("memory", "1g", "cpu", 1)));
        FlinkDeploymentSpec spec = ((FlinkDeployment) ResourceBinding.decode(Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkDeployment",
                "metadata", Map.of("name", "s"), "spec", session)).resource().get()).spec();
        ResourceKey key = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "ns", "s");
        try (LocalProcessDeployer deployer = new LocalProcessDeployer(v -> {
            throw new IllegalStateException("no Flink " + v + " in the cache");
        }, dir.resolve("clusters"), dir.resolve("state"), Duration.ofSeconds(5))) {
            assertThat(deployer.deploy(key, ClusterOwner.UNKNOWN, spec, StateLocation.none(), null).isRight()).isTrue();

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (deployer.observe(key).get().jobManager() != JobManagerDeploymentStatus.ERROR && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            assertThat(deployer.observe(key).get().jobManager()).isEqualTo(JobManagerDeploymentStatus.ERROR);
            try (var found = Files.find(dir.resolve("clusters"), 4, (path, attributes) -> path.endsWith("start-failure.log"))) {
                assertThat(found.toList()).singleElement().satisfies(log -> assertThat(Files.readString(log)).contains("no Flink v1_20 in the cache"));
            }
        }
    }

    private static FlinkDeploymentSpec spec(Integer parallelism, Integer replicas) {
        Map<String, Object> job = new LinkedHashMap<>(Map.of("jarURI", "file:///job.jar", "upgradeMode", "stateless"));
        if (parallelism != null) {
            job.put("parallelism", parallelism);
        }
        Map<String, Object> taskManager = new LinkedHashMap<>(Map.of("resource", Map.of("memory", "1g", "cpu", 1)));
        if (replicas != null) {
            taskManager.put("replicas", replicas);
        }
        Map<String, Object> spec = Map.of("flinkVersion", "v1_20", "jobManager", Map.of("resource", Map.of("memory", "1g", "cpu", 1)),
                "taskManager", taskManager, "job", job);
        return ((FlinkDeployment) ResourceBinding.decode(Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkDeployment",
                "metadata", Map.of("name", "t"), "spec", spec)).resource().get()).spec();
    }
}
