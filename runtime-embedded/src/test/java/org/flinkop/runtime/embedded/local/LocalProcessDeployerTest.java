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

    @Test
    void a_cluster_that_cannot_start_is_started_again_with_backoff_and_tells_why() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "local-deployer-test")).resolve(Long.toString(System.nanoTime()));
        ResourceKey key = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "ns", "s");
        java.util.concurrent.atomic.AtomicInteger starts = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<ResourceKey> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (LocalProcessDeployer deployer = neverStarting(dir, starts, new LocalProcessDeployer.Restarts(Duration.ofMillis(200), Duration.ofMillis(400)));
                AutoCloseable watching = deployer.watch(told::add)) {
            assertThat(deployer.deploy(key, ClusterOwner.UNKNOWN, session(), StateLocation.none(), null).isRight()).isTrue();

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (starts.get() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(starts.get()).as("started again after each failure").isGreaterThanOrEqualTo(4);
            while (deployer.observe(key).get().jobManager() != JobManagerDeploymentStatus.ERROR && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            var failed = deployer.observe(key).get();
            assertThat(failed.jobManager()).isEqualTo(JobManagerDeploymentStatus.ERROR);
            assertThat(failed.problem().get()).matches("no Flink v1_20 in the cache \\(start \\d+\\); attempt \\d+, starting again at .*");
            assertThat(told).as("each failed start is looked at at once").contains(key);
            try (var found = Files.find(dir.resolve("clusters"), 4, (path, attributes) -> path.endsWith("start-failure.log"))) {
                assertThat(found.count()).as("each attempt's cause kept in its own directory").isGreaterThanOrEqualTo(4);
            }

            assertThat(deployer.delete(key, true).isRight()).isTrue();
            int afterDelete = starts.get();
            Thread.sleep(1_000);
            assertThat(starts.get()).as("a deleted cluster is not started again").isLessThanOrEqualTo(afterDelete + 1);
            assertThat(deployer.observe(key).get().jobManager()).isEqualTo(JobManagerDeploymentStatus.MISSING);
        }
    }

    @Test
    void a_restart_whose_record_cannot_be_written_is_tried_again() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "local-deployer-test")).resolve(Long.toString(System.nanoTime()));
        ResourceKey key = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "ns", "s");
        java.util.concurrent.atomic.AtomicInteger starts = new java.util.concurrent.atomic.AtomicInteger();
        try (LocalProcessDeployer deployer = neverStarting(dir, starts, new LocalProcessDeployer.Restarts(Duration.ofMillis(200), Duration.ofMillis(200)))) {
            assertThat(deployer.deploy(key, ClusterOwner.UNKNOWN, session(), StateLocation.none(), null).isRight()).isTrue();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (starts.get() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            // a directory where the record goes: no record can be written over it
            Path clusterDir;
            try (var children = Files.list(dir.resolve("clusters"))) {
                clusterDir = children.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            Path blocked = clusterDir.resolve("cluster.properties");
            while (!Files.isDirectory(blocked)) {
                Files.deleteIfExists(blocked);
                try {
                    Files.createDirectory(blocked);
                } catch (java.nio.file.FileAlreadyExistsException rewritten) {
                    // an attempt wrote the record again meanwhile
                }
            }
            Files.createDirectories(blocked.resolve("in-the-way"));

            while (!deployer.observe(key).get().problem().exists(why -> why.startsWith("cannot record")) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            var unrecorded = deployer.observe(key).get();
            assertThat(unrecorded.jobManager()).isEqualTo(JobManagerDeploymentStatus.ERROR);
            assertThat(unrecorded.problem().get()).startsWith("cannot record the cluster of").matches("(?s).*; attempt \\d+, starting again at .*");
            int whileBlocked = starts.get();

            Files.delete(blocked.resolve("in-the-way"));
            Files.delete(blocked);
            while (starts.get() <= whileBlocked && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(starts.get()).as("started again once its record can be written").isGreaterThan(whileBlocked);
            assertThat(deployer.delete(key, true).isRight()).isTrue();
        }
    }

    @ParameterizedTest(name = "attempt {0}: {1} ms")
    @CsvSource({"1, 10000", "2, 20000", "3, 40000", "5, 160000", "6, 300000", "40, 300000"})
    void restarts_back_off_doubling_up_to_the_maximum(int attempt, long millis) {
        assertThat(LocalProcessDeployer.Restarts.DEFAULT.after(attempt)).isEqualTo(Duration.ofMillis(millis));
    }

    /** A deployer under {@code dir} for which no Flink release is ever found: each start fails, counted in {@code starts}. */
    private static LocalProcessDeployer neverStarting(Path dir, java.util.concurrent.atomic.AtomicInteger starts, LocalProcessDeployer.Restarts restarts) {
        return new LocalProcessDeployer(v -> {
            throw new IllegalStateException("no Flink " + v + " in the cache (start " + starts.incrementAndGet() + ")");
        }, dir.resolve("clusters"), dir.resolve("state"), Duration.ofSeconds(5),
                uri -> io.vavr.control.Either.left(org.flinkop.ports.PortFailure.of(org.flinkop.ports.PortFailure.Reason.FORBIDDEN, "no remote jars here")), restarts);
    }

    /** The smallest session cluster spec: Flink 1.20, the rest defaults. */
    private static FlinkDeploymentSpec session() {
        return ((FlinkDeployment) ResourceBinding.decode(Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkDeployment",
                "metadata", Map.of("name", "s"), "spec", Map.of("flinkVersion", "v1_20"))).resource().get()).spec();
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
