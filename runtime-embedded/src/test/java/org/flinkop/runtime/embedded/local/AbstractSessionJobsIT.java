package org.flinkop.runtime.embedded.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.adapters.flink.rest.artifact.ArtifactSettings;
import org.flinkop.adapters.flink.rest.artifact.ArtifactsModule;
import org.flinkop.ports.artifact.Artifacts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A session cluster with two FlinkSessionJobs of the keyed-state job on real Flink: each is upgraded on its own,
 * the other keeps running untouched, and the upgraded one continues its counts exactly from its savepoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AbstractSessionJobsIT {

    private static final int KEYS = 3;
    private static final Duration STEP = Duration.ofSeconds(150);
    private static final String NAMESPACE = "it";
    private static final ResourceKey SESSION = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, NAMESPACE, "sessions");
    private static final ResourceKey ALPHA = new ResourceKey(ResourceKind.FLINK_SESSION_JOB, NAMESPACE, "alpha");
    private static final ResourceKey BETA = new ResourceKey(ResourceKind.FLINK_SESSION_JOB, NAMESPACE, "beta");

    private LocalOperator operator;

    abstract String version();

    abstract String spelling();

    /** The jar fetcher the operator uses, caching under the operator's work directory. */
    private Artifacts artifacts(Path work) {
        return com.google.inject.Guice.createInjector(new ArtifactsModule(ArtifactSettings.defaults(work.resolve("artifacts"))))
                .getInstance(Artifacts.class);
    }

    @BeforeAll
    void startOperator() throws Exception {
        operator = new LocalOperator(version(), "sessions", this::artifacts);
    }

    @AfterAll
    void stopOperator() throws Exception {
        List<Long> pids = operator.deployer().processIds(SESSION);
        operator.close();
        assertThat(pids.stream().map(ProcessHandle::of).filter(p -> p.isPresent() && p.get().isAlive())).as("processes left behind").isEmpty();
    }

    @Test
    @Order(1)
    void two_session_jobs_run_on_one_session_cluster() throws IOException {
        operator.apply(session());
        operator.apply(sessionJob(ALPHA.name(), 1));
        operator.apply(sessionJob(BETA.name(), 1));

        operator.await(SESSION, STEP, "the session cluster stable", (FlinkDeployment d) -> d.status() != null
                && d.status().lifecycleState() == ResourceLifecycleState.STABLE);
        awaitStableWithNewJob(ALPHA, null);
        awaitStableWithNewJob(BETA, null);
        Path logs = operator.newestClusterLogs(SESSION);
        FlinkDistributions.awaitUntil(() -> KeyedCounts.read(logs, "alpha").everyKeyReached(KEYS, 5)
                && KeyedCounts.read(logs, "beta").everyKeyReached(KEYS, 5), STEP, "both jobs counting in " + logs);
    }

    @Test
    @Order(2)
    void one_job_is_upgraded_with_a_savepoint_while_the_other_runs_on() throws IOException {
        String alphaBefore = jobId(ALPHA);
        String betaBefore = jobId(BETA);

        operator.apply(sessionJob(ALPHA.name(), 2));
        FlinkSessionJob upgraded = awaitStableWithNewJob(ALPHA, alphaBefore);

        assertThat(upgraded.status().jobStatus().upgradeSavepointPath()).as("the savepoint the upgrade took").isNotBlank();
        assertThat(jobId(BETA)).as("the other job was not touched").isEqualTo(betaBefore);
        Path logs = operator.newestClusterLogs(SESSION);
        FlinkDistributions.awaitUntil(() -> KeyedCounts.read(logs, "alpha").restored().size() == KEYS, STEP, "alpha's restored counts in " + logs);
        KeyedCounts alpha = KeyedCounts.read(logs, "alpha");
        // the old and the new job print to the one TaskManager's file: each key resumed exactly at the count the
        // old job had printed last before it was stopped with a savepoint
        assertThat(alpha.restored()).isEqualTo(alpha.highestBeforeRestore());
        assertThat(alpha.restored().values()).allMatch(count -> count >= 5);
        assertThat(KeyedCounts.read(logs, "beta").restored()).as("beta was never restored").isEmpty();
    }

    @Test
    @Order(3)
    void deleting_a_session_job_leaves_the_other_running() {
        String betaBefore = jobId(BETA);

        operator.delete(ALPHA);
        operator.awaitGone(ALPHA, STEP);

        FlinkSessionJob beta = (FlinkSessionJob) operator.store().get(BETA).get();
        assertThat(beta.status().jobStatus().jobId()).isEqualTo(betaBefore);
        assertThat(beta.status().lifecycleState()).isEqualTo(ResourceLifecycleState.STABLE);
    }

    @Test
    @Order(4)
    void the_session_cluster_goes_once_its_jobs_are_gone() {
        List<Long> pids = operator.deployer().processIds(SESSION);

        operator.delete(BETA);
        operator.awaitGone(BETA, STEP);
        operator.delete(SESSION);
        operator.awaitGone(SESSION, STEP);

        FlinkDistributions.awaitUntil(() -> pids.stream().map(ProcessHandle::of).noneMatch(p -> p.isPresent() && p.get().isAlive()),
                Duration.ofSeconds(60), "the processes " + pids);
    }

    private Map<String, Object> session() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("flinkVersion", spelling());
        spec.put("flinkConfiguration", Map.of("taskmanager.numberOfTaskSlots", "4", "execution.checkpointing.interval", "1s",
                "execution.checkpointing.dir", "file://" + operator.work().resolve("state/sessions/checkpoints").toAbsolutePath(),
                "execution.checkpointing.savepoint-dir", "file://" + operator.work().resolve("state/sessions/savepoints").toAbsolutePath()));
        spec.put("jobManager", Map.of("resource", Map.of("memory", "768m", "cpu", 1)));
        spec.put("taskManager", Map.of("resource", Map.of("memory", "1280m", "cpu", 1)));
        return Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkDeployment", "metadata", Map.of("name", SESSION.name(), "namespace", NAMESPACE),
                "spec", spec);
    }

    private Map<String, Object> sessionJob(String name, int parallelism) {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("jarURI", Path.of(System.getProperty("flinkop.keyed-count-job", "target/keyed-count-job.jar")).toUri().toString());
        job.put("entryClass", "org.flinkop.runtime.embedded.fixture.KeyedCountJob");
        job.put("args", List.of("--keys", Integer.toString(KEYS), "--key-prefix", name));
        job.put("parallelism", parallelism);
        job.put("upgradeMode", "savepoint");
        return Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkSessionJob", "metadata", Map.of("name", name, "namespace", NAMESPACE),
                "spec", Map.of("deploymentName", SESSION.name(), "job", job));
    }

    private String jobId(ResourceKey key) {
        return ((FlinkSessionJob) operator.store().get(key).get()).status().jobStatus().jobId();
    }

    private FlinkSessionJob awaitStableWithNewJob(ResourceKey key, String previousJobId) {
        return operator.await(key, STEP, key.name() + " stable with a job other than " + previousJobId, (FlinkSessionJob j) -> j.status() != null
                && j.status().lifecycleState() == ResourceLifecycleState.STABLE && j.status().jobStatus() != null
                && j.status().jobStatus().jobId() != null && !j.status().jobStatus().jobId().equals(previousJobId)
                && j.status().reconciliationStatus().upgrade() == null);
    }
}
