package org.flinkop.runtime.embedded.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkStateSnapshot;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.domain.resource.SnapshotState;
import org.flinkop.ports.PortFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One application FlinkDeployment through its life on real Flink, with the keyed-state job: every step proves the
 * per-key counts came back, not just that a job runs. The steps share one operator and one resource, in order:
 * deploy; savepoint upgrade (a parallelism change, which local processes apply as an upgrade); last-state upgrade;
 * suspend and resume; the JobManager killed with SIGKILL; a savepoint snapshot, disposed when it is deleted; the
 * JobManager of a job that has not checkpointed yet killed, recovered from the savepoint it started from; deletion.
 * A job that fails at start is a resource of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AbstractApplicationLifecycleIT {

    private static final int KEYS = 4;
    private static final Duration STEP = Duration.ofSeconds(150);
    private static final String NAMESPACE = "it";
    private static final ResourceKey COUNTER = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, NAMESPACE, "counter");

    private LocalOperator operator;
    private String mode = "savepoint";
    private int parallelism = 1;
    private String state = "running";
    private String checkpointInterval = "1s";

    /** The Flink version, as Maven Central spells it. */
    abstract String version();

    /** The same version as a FlinkDeployment spells it. */
    abstract String spelling();

    @BeforeAll
    void startOperator() throws Exception {
        operator = new LocalOperator(version(), "lifecycle",
                work -> uri -> Either.left(PortFailure.of(PortFailure.Reason.FORBIDDEN, "no session jobs here")));
    }

    @AfterAll
    void stopOperator() throws Exception {
        List<Long> pids = operator.deployer().processIds(COUNTER);
        operator.close();
        assertThat(pids.stream().map(ProcessHandle::of).filter(p -> p.isPresent() && p.get().isAlive())).as("processes left behind").isEmpty();
    }

    @Test
    @Order(1)
    void the_deployed_job_counts_per_key() throws IOException {
        operator.apply(counter());

        FlinkDeployment running = awaitStableWithNewJob(null);
        assertThat(running.status().jobStatus().state().spelling()).isEqualTo("RUNNING");
        awaitCounts(5);
    }

    @Test
    @Order(2)
    void a_savepoint_upgrade_to_a_new_parallelism_continues_every_count_exactly() throws IOException {
        String before = jobId();
        Path oldLogs = operator.newestClusterLogs(COUNTER);

        parallelism = 2;
        operator.apply(counter());
        FlinkDeployment upgraded = awaitStableWithNewJob(before);

        String savepoint = upgraded.status().jobStatus().upgradeSavepointPath();
        assertThat(savepoint).as("the savepoint the upgrade took is recorded").isNotBlank();
        assertThat(Path.of(URI.create(savepoint).getPath()).resolve("_metadata")).as("the savepoint is on disk").exists();
        KeyedCounts restored = awaitRestored();
        // stop-with-savepoint: nothing is counted after the savepoint, so each key resumes exactly where it stopped
        assertThat(restored.restored()).isEqualTo(KeyedCounts.read(oldLogs).highest());
    }

    @Test
    @Order(3)
    void a_last_state_upgrade_restores_the_counts_of_the_latest_checkpoint() throws IOException {
        mode = "last-state";
        operator.apply(counter());
        operator.await(COUNTER, STEP, "the new upgrade mode recorded", (FlinkDeployment d) -> d.status().reconciliationStatus().lastReconciledSpec() != null
                && "last-state".equals(d.status().reconciliationStatus().lastReconciledSpec().job().effectiveUpgradeMode().spelling()));
        String before = jobId();
        Path oldLogs = operator.newestClusterLogs(COUNTER);
        awaitACheckpointOfTheRunningJob();

        parallelism = 1;
        operator.apply(counter());
        awaitStableWithNewJob(before);

        assertTheJobRestoredFromACheckpoint();
        assertRestoredFromACheckpointOf(oldLogs, awaitRestored());
    }

    @Test
    @Order(4)
    void a_suspended_job_resumes_with_its_counts() throws IOException {
        Path oldLogs = operator.newestClusterLogs(COUNTER);
        String before = jobId();
        awaitACheckpointOfTheRunningJob();

        state = "suspended";
        operator.apply(counter());
        operator.await(COUNTER, STEP, "suspended", (FlinkDeployment d) -> d.status().lifecycleState() == ResourceLifecycleState.SUSPENDED);
        FlinkDistributions.awaitUntil(() -> operator.deployer().observe(COUNTER).get().jobManager() == JobManagerDeploymentStatus.MISSING,
                STEP, "the suspended cluster's processes in " + operator.work());

        state = "running";
        operator.apply(counter());
        awaitStableWithNewJob(before);

        assertTheJobRestoredFromACheckpoint();
        assertRestoredFromACheckpointOf(oldLogs, awaitRestored());
    }

    @Test
    @Order(5)
    void a_job_manager_killed_with_sigkill_is_recovered_from_the_latest_checkpoint() throws IOException {
        Path oldLogs = operator.newestClusterLogs(COUNTER);
        awaitCounts(KeyedCounts.read(oldLogs).highest().values().stream().mapToLong(Long::longValue).min().orElse(0) + 5);
        awaitACheckpointOfTheRunningJob();
        List<Long> oldProcesses = operator.deployer().processIds(COUNTER);

        killTheJobManagerAndAwaitANewCluster(oldProcesses, oldLogs);

        assertTheJobRestoredFromACheckpoint();
        assertRestoredFromACheckpointOf(oldLogs, awaitRestored());
        assertThat(oldProcesses.stream().map(ProcessHandle::of).filter(p -> p.isPresent() && p.get().isAlive()))
                .as("the old cluster's TaskManagers are stopped too").isEmpty();
    }

    @Test
    @Order(6)
    void a_savepoint_snapshot_is_on_disk_and_disposed_when_deleted() {
        ResourceKey key = new ResourceKey(ResourceKind.FLINK_STATE_SNAPSHOT, NAMESPACE, "counter-savepoint");
        operator.apply(Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkStateSnapshot",
                "metadata", Map.of("name", key.name(), "namespace", NAMESPACE),
                "spec", Map.of("savepoint", Map.of("disposeOnDelete", true), "jobReference", Map.of("kind", "FlinkDeployment", "name", COUNTER.name()))));

        FlinkStateSnapshot done = operator.await(key, STEP, "the snapshot completed",
                (FlinkStateSnapshot s) -> s.status() != null && s.status().state() == SnapshotState.COMPLETED);
        Path savepoint = Path.of(URI.create(done.status().path()).getPath());
        assertThat(savepoint.resolve("_metadata")).as("the snapshot's savepoint on disk").exists();

        operator.delete(key);
        operator.awaitGone(key, STEP);
        assertThat(savepoint).as("disposed with its resource").doesNotExist();
    }

    @Test
    @Order(7)
    void a_job_manager_killed_before_its_job_checkpointed_is_recovered_from_the_savepoint_the_job_started_from() throws IOException {
        // the old job's checkpoints stay on disk; the new one takes none (no periodic checkpoints: Flink 2 takes one
        // as soon as the job runs, whatever the interval) before its JobManager is killed
        mode = "savepoint";
        checkpointInterval = null;
        String before = jobId();
        operator.apply(counter());
        FlinkDeployment upgraded = awaitStableWithNewJob(before);
        String savepoint = upgraded.status().jobStatus().upgradeSavepointPath();
        assertThat(savepoint).as("the savepoint the upgrade took").isNotBlank();
        Path logs = operator.newestClusterLogs(COUNTER);
        Map<String, Long> startedFrom = awaitRestored().restored();
        awaitCounts(startedFrom.values().stream().mapToLong(Long::longValue).max().orElse(0) + 3);

        killTheJobManagerAndAwaitANewCluster(operator.deployer().processIds(COUNTER), logs);

        assertThat(operator.store().events(COUNTER).filter(e -> e.message().startsWith("the job runs")).last().message())
                .as("never an earlier job's checkpoint, older than the savepoint; events: %s", operator.store().events(COUNTER))
                .isEqualTo("the job runs from savepoint " + savepoint);
        assertThat(awaitRestored().restored()).as("every key resumes from the savepoint's count").isEqualTo(startedFrom);
    }

    @Test
    @Order(8)
    void deleting_the_deployment_stops_every_process() {
        List<Long> pids = operator.deployer().processIds(COUNTER);
        assertThat(pids).isNotEmpty();

        operator.delete(COUNTER);
        operator.awaitGone(COUNTER, STEP);

        FlinkDistributions.awaitUntil(() -> pids.stream().map(ProcessHandle::of).noneMatch(p -> p.isPresent() && p.get().isAlive()),
                Duration.ofSeconds(60), "the processes " + pids);
    }

    @Test
    @Order(9)
    void a_job_that_fails_at_start_is_reported_with_flinks_error() {
        ResourceKey key = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, NAMESPACE, "broken");
        Map<String, Object> document = deployment(key.name(), Map.of("restart-strategy.type", "none"),
                Map.of("jarURI", jar(), "entryClass", "org.flinkop.runtime.embedded.fixture.KeyedCountJob", "parallelism", 1, "upgradeMode", "stateless",
                        "args", List.of("--fail-at-start", "the counter refused to start")));
        operator.apply(document);

        FlinkDeployment failed = operator.await(key, STEP, "the failure reported", (FlinkDeployment d) -> d.status() != null
                && d.status().lifecycleState() == ResourceLifecycleState.FAILED && d.status().error() != null);
        assertThat(failed.status().error()).contains("the counter refused to start");
        assertThat(operator.store().events(key)).anySatisfy(e -> assertThat(e.message()).contains("the counter refused to start"));

        operator.delete(key);
        operator.awaitGone(key, STEP);
    }

    // helpers

    private Map<String, Object> counter() {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("jarURI", jar());
        job.put("entryClass", "org.flinkop.runtime.embedded.fixture.KeyedCountJob");
        job.put("args", List.of("--keys", Integer.toString(KEYS)));
        job.put("parallelism", parallelism);
        job.put("upgradeMode", mode);
        job.put("state", state);
        return deployment(COUNTER.name(), checkpointInterval == null ? Map.of() : Map.of("execution.checkpointing.interval", checkpointInterval), job);
    }

    private Map<String, Object> deployment(String name, Map<String, String> extraConfiguration, Map<String, Object> job) {
        Map<String, String> configuration = new LinkedHashMap<>(Map.of("taskmanager.numberOfTaskSlots", "2",
                "execution.checkpointing.dir", "file://" + operator.work().resolve("state/" + name + "/checkpoints").toAbsolutePath(),
                "execution.checkpointing.savepoint-dir", "file://" + operator.work().resolve("state/" + name + "/savepoints").toAbsolutePath()));
        configuration.putAll(extraConfiguration);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("flinkVersion", spelling());
        spec.put("mode", "standalone");
        spec.put("flinkConfiguration", configuration);
        spec.put("jobManager", Map.of("resource", Map.of("memory", "768m", "cpu", 1)));
        spec.put("taskManager", Map.of("resource", Map.of("memory", "1024m", "cpu", 1)));
        spec.put("job", job);
        return Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkDeployment", "metadata", Map.of("name", name, "namespace", NAMESPACE), "spec", spec);
    }

    private static String jar() {
        Path jar = Path.of(System.getProperty("flinkop.keyed-count-job", "target/keyed-count-job.jar"));
        assertThat(jar).as("the keyed-state job, built by the package phase").exists();
        return jar.toUri().toString();
    }

    private String jobId() {
        return ((FlinkDeployment) operator.store().get(COUNTER).get()).status().jobStatus().jobId();
    }

    private FlinkDeployment awaitStableWithNewJob(String previousJobId) {
        return operator.await(COUNTER, STEP, "a stable job other than " + previousJobId, (FlinkDeployment d) -> d.status() != null
                && d.status().lifecycleState() == ResourceLifecycleState.STABLE && d.status().jobStatus() != null
                && d.status().jobStatus().jobId() != null && !d.status().jobStatus().jobId().equals(previousJobId)
                && d.status().reconciliationStatus().upgrade() == null);
    }

    /** SIGKILL to the JobManager (the first of {@code processes}), then a stable resource on a cluster other than the one logging to {@code oldLogs}. */
    private void killTheJobManagerAndAwaitANewCluster(List<Long> processes, Path oldLogs) {
        assertThat(ProcessHandle.of(processes.get(0)).orElseThrow().destroyForcibly()).as("SIGKILL to the JobManager").isTrue();
        FlinkDistributions.awaitUntil(() -> {
            try {
                return !operator.newestClusterLogs(COUNTER).equals(oldLogs);
            } catch (IOException e) {
                return false;
            }
        }, STEP, "a new cluster after the JobManager was killed; " + operator.work());
        awaitStable();
    }

    private void awaitStable() {
        operator.await(COUNTER, STEP, "stable", (FlinkDeployment d) -> d.status() != null && d.status().lifecycleState() == ResourceLifecycleState.STABLE
                && d.status().reconciliationStatus().upgrade() == null);
    }

    private void awaitCounts(long atLeast) throws IOException {
        Path logs = operator.newestClusterLogs(COUNTER);
        FlinkDistributions.awaitUntil(() -> KeyedCounts.read(logs).everyKeyReached(KEYS, atLeast), STEP, "counts of " + atLeast + " in " + logs);
    }

    /** Waits until the newest cluster's job said, for every key, which count it restored. */
    private KeyedCounts awaitRestored() throws IOException {
        Path logs = operator.newestClusterLogs(COUNTER);
        FlinkDistributions.awaitUntil(() -> KeyedCounts.read(logs).restored().size() == KEYS, STEP, "restored counts in " + logs);
        return KeyedCounts.read(logs);
    }

    /** Waits until Flink reports a completed checkpoint of the running job, so that last-state has one to restore from. */
    private void awaitACheckpointOfTheRunningJob() {
        awaitStable();
        String job = jobId();
        FlinkDistributions.awaitUntil(() -> operator.deployer().observe(COUNTER).get().restEndpoint()
                .map(endpoint -> operator.flink().latestCheckpoint(endpoint, job).map(cp -> cp.isDefined()).getOrElse(false))
                .getOrElse(false), STEP, "a checkpoint of job " + job);
    }

    /** The newest "the job runs" event names a checkpoint as where the job's state came from. */
    private void assertTheJobRestoredFromACheckpoint() {
        assertThat(operator.store().events(COUNTER).filter(e -> e.message().startsWith("the job runs")).last().message())
                .as("the last upgrade's restore; events: %s", operator.store().events(COUNTER)).contains("from checkpoint file:");
    }

    /** A checkpoint is taken before the old job's last count: every key came back counted, and never ahead of it. */
    private static void assertRestoredFromACheckpointOf(Path oldLogs, KeyedCounts now) {
        Map<String, Long> before = KeyedCounts.read(oldLogs).highest();
        assertThat(now.restored().keySet()).isEqualTo(before.keySet());
        now.restored().forEach((key, count) -> assertThat(count).as("the restored count of %s (the old job reached %s)", key, before.get(key))
                .isPositive().isLessThanOrEqualTo(before.get(key)));
    }

}
