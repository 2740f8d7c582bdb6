package org.flinkop.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.runtime.operator.KubeWorld.status;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.flinkop.testkit.kube.KubeNamespace;
import org.flinkop.testkit.kube.WithKubeApiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * End to end on real Flink 1.20 behind a real API server (see {@link ApplicationOnKubeletIT}): a standalone
 * session cluster runs two FlinkSessionJobs, whose jar the operator's jar fetcher reads from {@code file://} and
 * uploads through Flink's REST API; one is upgraded with a savepoint while the other runs on.
 */
@WithKubeApiServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionJobsOnKubeletIT {

    private static final String SESSION = "session";
    private static final int KEYS = 4;

    private FlinkOnKubelet flink;

    @BeforeAll
    void start(KubeNamespace namespace) {
        flink = FlinkOnKubelet.start(namespace);
    }

    @AfterAll
    void stop() throws IOException {
        flink.close();
    }

    @Test
    @Order(1)
    void two_session_jobs_run_on_one_session_cluster() {
        flink.world().applyYaml(SESSION, """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata: {name: %s}
                spec:
                  image: flink:1.20
                  flinkVersion: v1_20
                  mode: standalone
                  flinkConfiguration:
                    taskmanager.numberOfTaskSlots: "4"
                    execution.checkpointing.interval: 1 s
                    state.checkpoints.dir: file://%s
                    state.savepoints.dir: file://%s
                    cluster.registration.error-delay: "1000"
                    web.refresh-interval: "200"
                  jobManager: {resource: {memory: 768m, cpu: 0.5}}
                  taskManager: {resource: {memory: 1280m, cpu: 0.5}}
                """.formatted(SESSION, flink.stateDir().resolve("checkpoints"), flink.stateDir().resolve("savepoints")));
        sessionJob("alpha", 1);
        sessionJob("beta", 1);

        awaitStableWithNewJob("alpha", null);
        awaitStableWithNewJob("beta", null);
        flink.await("both jobs counting", () -> List.of(counts("alpha"), counts("beta")),
                both -> both.stream().allMatch(c -> c.everyKeyReached(KEYS, 5)));
    }

    @Test
    @Order(2)
    void one_job_is_upgraded_with_a_savepoint_while_the_other_runs_on() {
        String alphaBefore = jobId("alpha");
        String betaBefore = jobId("beta");

        sessionJob("alpha", 2);
        GenericKubernetesResource upgraded = awaitStableWithNewJob("alpha", alphaBefore);

        assertThat((String) status(upgraded, "jobStatus", "upgradeSavepointPath")).as("the savepoint the upgrade took").isNotBlank();
        assertThat(jobId("beta")).as("the other job was not touched").isEqualTo(betaBefore);
        KeyedCountLines alpha = flink.await("alpha's restored counts", () -> counts("alpha"), c -> c.restored().size() == KEYS);
        // the old and the new job print to the one TaskManager's console: each key resumed exactly at the count the old job printed last
        assertThat(alpha.restored()).isEqualTo(alpha.highestBeforeRestore());
        assertThat(alpha.restored().values()).allMatch(count -> count >= 5);
        assertThat(counts("beta").restored()).as("beta was never restored").isEmpty();
    }

    @Test
    @Order(3)
    void the_session_cluster_goes_once_its_jobs_are_deleted_and_leaves_no_process() {
        flink.notePids();
        flink.world().kubectl("delete", "flinksessionjob", "alpha", "beta", "--wait=false");
        flink.await("both session jobs gone", () -> List.of(Objects.toString(flink.world().sessionJob("alpha")), Objects.toString(flink.world().sessionJob("beta"))),
                jobs -> jobs.stream().allMatch("null"::equals));
        flink.world().kubectl("delete", "flinkdeployment", SESSION, "--wait=false");

        flink.await("the session cluster's objects and pods gone", () -> flink.world().clusterObjectNames(Map.of("app", SESSION)), List::isEmpty);
        flink.await("every Flink process stopped", () -> flink.kubelet().processIds(), List::isEmpty);
        flink.assertNoProcessLeft();
    }

    private void sessionJob(String name, int parallelism) {
        flink.world().applyYaml(name, """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkSessionJob
                metadata: {name: %s}
                spec:
                  deploymentName: %s
                  job:
                    jarURI: %s
                    entryClass: %s
                    args: [--keys, "%d", --key-prefix, %s]
                    parallelism: %d
                    upgradeMode: savepoint
                """.formatted(name, SESSION, flink.hostJobJar().toUri(), FlinkOnKubelet.JOB_CLASS, KEYS, name, parallelism));
    }

    private KeyedCountLines counts(String job) {
        return flink.counts(flink.podsEverRun(SESSION, "taskmanager"), job);
    }

    private String jobId(String job) {
        return (String) status(flink.world().sessionJob(job), "jobStatus", "jobId");
    }

    private GenericKubernetesResource awaitStableWithNewJob(String job, String previousJob) {
        return flink.await(job + " STABLE with a RUNNING job" + (previousJob == null ? "" : " other than " + previousJob), () -> flink.world().sessionJob(job),
                j -> "STABLE".equals(status(j, "lifecycleState")) && "RUNNING".equals(status(j, "jobStatus", "state"))
                        && status(j, "jobStatus", "jobId") != null && !Objects.equals(previousJob, status(j, "jobStatus", "jobId")));
    }
}
