package org.flinkop.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.runtime.operator.KubeWorld.status;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
 * End to end, with nothing simulated but the node: a standalone application FlinkDeployment applied with kubectl
 * to a real API server becomes Deployments, whose pods the process kubelet runs as real Flink 1.20 processes, driven
 * by the operator through Flink's REST API. One resource goes through its life in order, and each step proves, with
 * the keyed-state job, that every key's count came back.
 */
@WithKubeApiServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApplicationOnKubeletIT {

    private static final String NAME = "counter";
    private static final int KEYS = 4;
    private static final String SERVICE_ACCOUNT = "flink";
    private static final Map<String, String> HA_LABELS = Map.of("app", NAME, "type", "flink-native-kubernetes", "configmap-type", "high-availability");

    private FlinkOnKubelet flink;
    private int parallelism = 1;
    private String upgradeMode = "savepoint";
    private String state = "running";
    private int delayMs = 50;
    private boolean highAvailability;

    @BeforeAll
    void start(KubeNamespace namespace) {
        flink = FlinkOnKubelet.start(namespace);
        flink.serviceAccountForHighAvailability(SERVICE_ACCOUNT);
    }

    @AfterAll
    void stop() throws IOException {
        flink.close();
    }

    @Test
    @Order(1)
    void kubectl_apply_of_an_application_runs_its_job_on_flink_processes() {
        apply();

        awaitStableWithNewJob(null);
        Pod jobManager = flink.pods(NAME, "jobmanager").get(0);
        assertThat(jobManager.getSpec().getNodeName()).isEqualTo(flink.kubelet().nodeName());
        assertThat(flink.world().kubectl("get", "flinkdep")).containsPattern(NAME + "\\s+RUNNING\\s+STABLE");
        flink.await("every key counted", () -> counts(flink.podsEverRun(NAME, "taskmanager")), c -> c.everyKeyReached(KEYS, 5));
    }

    @Test
    @Order(2)
    void a_savepoint_upgrade_to_a_new_parallelism_continues_every_count_exactly() {
        String before = jobId();
        Set<String> oldTaskManagers = flink.podsEverRun(NAME, "taskmanager");

        // in standalone mode a parallelism change alone rescales in place; with the job's arguments changed too it is an upgrade
        parallelism = 2;
        delayMs = 40;
        apply();
        GenericKubernetesResource upgraded = awaitStableWithNewJob(before);

        String savepoint = (String) status(upgraded, "jobStatus", "upgradeSavepointPath");
        assertThat(savepoint).as("the savepoint the upgrade took is recorded").isNotBlank();
        assertThat(Path.of(URI.create(savepoint).getPath()).resolve("_metadata")).as("the savepoint is on disk").exists();
        assertThat(flink.rest(NAME, "/jobs/" + jobId())).as("the new job's parallelism").contains("\"parallelism\":2");
        KeyedCountLines restored = awaitRestored(oldTaskManagers);
        // stop-with-savepoint: nothing is counted after the savepoint, so each key resumes exactly where it stopped
        assertThat(restored.restored()).isEqualTo(counts(oldTaskManagers).highest());
    }

    @Test
    @Order(3)
    void a_last_state_upgrade_restores_every_key_from_the_latest_checkpoint() {
        upgradeMode = "last-state";
        apply();
        flink.await("the new upgrade mode recorded", () -> flink.world().flinkDeployment(NAME),
                d -> "last-state".equals(status(d, "reconciliationStatus", "lastReconciledSpec", "job", "upgradeMode")));
        String before = jobId();
        Set<String> oldTaskManagers = flink.podsEverRun(NAME, "taskmanager");
        awaitACheckpoint();

        parallelism = 1;
        delayMs = 50;
        apply();
        awaitStableWithNewJob(before);

        assertRestoredFromACheckpointOf(oldTaskManagers, awaitRestored(oldTaskManagers));
    }

    @Test
    @Order(4)
    void a_suspended_job_resumes_with_its_counts() {
        String before = jobId();
        Set<String> oldTaskManagers = flink.podsEverRun(NAME, "taskmanager");
        awaitACheckpoint();

        state = "suspended";
        apply();
        flink.await("suspended, its pods gone", () -> flink.world().flinkDeployment(NAME),
                d -> "SUSPENDED".equals(status(d, "lifecycleState")) && flink.pods(NAME, "jobmanager").isEmpty() && flink.pods(NAME, "taskmanager").isEmpty());
        assertThat(flink.kubelet().processIds()).as("no Flink process runs while suspended").isEmpty();

        state = "running";
        apply();
        awaitStableWithNewJob(before);

        assertRestoredFromACheckpointOf(oldTaskManagers, awaitRestored(oldTaskManagers));
    }

    @Test
    @Order(5)
    void a_killed_job_manager_process_is_restarted_in_its_pod_and_its_job_restores_what_it_was_started_from() {
        String job = jobId();
        Set<String> taskManagers = Set.of(flink.pods(NAME, "taskmanager").get(0).getMetadata().getName());
        Map<String, java.util.List<Long>> restoresBefore = counts(taskManagers).everyRestore();
        assertThat(restoresBefore).as("the job restored from the checkpoint of the resume").hasSize(KEYS);

        killTheJobManagerProcessAndAwaitItsJob(job);

        flink.await("the operator sees it running", () -> flink.world().flinkDeployment(NAME),
                d -> "RUNNING".equals(status(d, "jobStatus", "state")) && job.equals(status(d, "jobStatus", "jobId")));
        // without high availability a restarted JobManager starts its job again from the path in its arguments:
        // every key comes back with exactly the count it came back with when this JobManager first started, each time
        // (the restarted job may fail over once more while its TaskManager reconnects, and restores from there again)
        KeyedCountLines after = flink.await("every key restored again in the same TaskManager", () -> counts(taskManagers),
                c -> c.everyRestore().values().stream().allMatch(r -> r.size() >= 2) && c.everyRestore().size() == KEYS);
        after.everyRestore().forEach((key, restores) -> assertThat(restores.subList(1, restores.size())).as("key %s", key)
                .containsOnly(restoresBefore.get(key).get(0)));
    }

    @Test
    @Order(6)
    void turning_on_kubernetes_high_availability_is_a_last_state_upgrade_and_flink_writes_its_ha_config_maps() {
        String before = jobId();
        Set<String> oldTaskManagers = flink.podsEverRun(NAME, "taskmanager");
        awaitACheckpoint();

        highAvailability = true;
        apply();
        awaitStableWithNewJob(before);

        assertRestoredFromACheckpointOf(oldTaskManagers, awaitRestored(oldTaskManagers));
        // written by Flink through the pod's service account token, with the labels Flink itself gives them (the
        // deployer selects them by app and configmap-type)
        flink.await("Flink's HA ConfigMaps of the cluster and of its job", this::haConfigMaps, names -> names.contains(NAME + "-cluster-config-map")
                && names.contains(NAME + "-" + jobId() + "-config-map"));
        Pod jobManager = flink.pods(NAME, "jobmanager").get(0);
        assertThat(flink.kubelet().podDirectory(flink.world().namespace(), jobManager.getMetadata().getName()).resolve("serviceaccount/kubeconfig"))
                .as("the kubeconfig the kubelet wrote for the pod").content().contains("user: " + SERVICE_ACCOUNT);
    }

    @Test
    @Order(7)
    void with_high_availability_a_killed_job_manager_process_recovers_its_job_from_the_latest_checkpoint_and_no_count_is_lost() {
        String job = jobId();
        Set<String> taskManagers = Set.of(flink.pods(NAME, "taskmanager").get(0).getMetadata().getName());
        Map<String, List<Long>> restoresBefore = flink.await("every key counted since the upgrade", () -> counts(taskManagers),
                c -> c.everyRestore().size() == KEYS && c.highest().size() == KEYS).everyRestore();
        Map<String, Long> counted = awaitACheckpointOf(taskManagers);

        killTheJobManagerProcessAndAwaitItsJob(job);
        KeyedCountLines after = flink.await("every key restored again in the same TaskManager", () -> counts(taskManagers),
                c -> c.everyRestore().size() == KEYS && c.everyRestore().entrySet().stream().allMatch(e -> e.getValue().size() == restoresBefore.get(e.getKey()).size() + 1));
        // from the latest checkpoint in the HA metadata, not from the restore path in the JobManager's arguments:
        // nothing counted before a checkpoint taken after `counted` was read is lost
        after.everyRestore().forEach((key, restores) -> assertThat(restores.get(restores.size() - 1)).as("key %s", key)
                .isGreaterThanOrEqualTo(counted.get(key)).isGreaterThan(restoresBefore.get(key).get(restoresBefore.get(key).size() - 1))
                .isLessThanOrEqualTo(after.highest().get(key)));
        flink.await("the operator sees it running", () -> flink.world().flinkDeployment(NAME),
                d -> "RUNNING".equals(status(d, "jobStatus", "state")) && job.equals(status(d, "jobStatus", "jobId")));
    }

    @Test
    @Order(8)
    void with_high_availability_a_last_state_upgrade_restores_from_the_ha_metadata_with_the_new_parallelism() {
        String before = jobId();
        Set<String> oldTaskManagers = flink.podsEverRun(NAME, "taskmanager");
        Set<String> running = Set.of(flink.pods(NAME, "taskmanager").get(0).getMetadata().getName());
        Map<String, Long> counted = awaitACheckpointOf(running);

        parallelism = 2;
        delayMs = 40;
        apply();
        awaitStableWithNewJob(before);

        assertThat(flink.world().events()).as("the upgrade path").anyMatch(e -> e.getMessage() != null
                && e.getMessage().contains("last-state: redeploy from the checkpoint in HA metadata"));
        assertThat(flink.rest(NAME, "/jobs/" + jobId())).as("the new job's parallelism, not the one of the job graph in the HA metadata")
                .contains("\"parallelism\":2");
        assertThat(haConfigMaps()).as("the old job's checkpoints carried over to the new job").contains(NAME + "-" + jobId() + "-config-map");
        KeyedCountLines restored = awaitRestored(oldTaskManagers);
        Map<String, Long> highest = counts(oldTaskManagers).highest();
        restored.restored().forEach((key, count) -> assertThat(count).as("key %s", key).isGreaterThanOrEqualTo(counted.get(key))
                .isLessThanOrEqualTo(highest.get(key)));
        assertThat(restored.restored().keySet()).isEqualTo(highest.keySet());
    }

    @Test
    @Order(9)
    void a_savepoint_snapshot_is_written_and_disposed_of_with_its_resource() {
        awaitACheckpoint();
        flink.world().applyYaml("snapshot", """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkStateSnapshot
                metadata: {name: counter-savepoint}
                spec:
                  jobReference: {kind: FlinkDeployment, name: counter}
                  savepoint: {path: "file://%s", disposeOnDelete: true}
                """.formatted(flink.stateDir().resolve("snapshots")));
        GenericKubernetesResource done = flink.await("the snapshot completed", () -> flink.world().snapshot("counter-savepoint"),
                s -> "COMPLETED".equals(status(s, "state")));
        Path savepoint = Path.of(URI.create((String) status(done, "path")).getPath());
        assertThat(savepoint.resolve("_metadata")).as("the savepoint is on disk").exists();

        flink.world().kubectl("delete", "flinkstatesnapshot", "counter-savepoint", "--wait=false");
        flink.await("the snapshot resource gone", () -> flink.world().snapshot("counter-savepoint"), Objects::isNull);
        assertThat(savepoint).as("disposed of with its resource").doesNotExist();
    }

    @Test
    @Order(10)
    void deleting_the_deployment_removes_every_pod_and_its_ha_config_maps_and_stops_every_process() {
        assertThat(haConfigMaps()).isNotEmpty();
        flink.notePids();
        flink.world().kubectl("delete", "flinkdeployment", NAME, "--wait=false");

        flink.await("the resource, its objects and its pods gone", () -> flink.world().clusterObjectNames(Map.of("app", NAME)),
                objects -> objects.isEmpty() && flink.world().flinkDeployment(NAME) == null);
        assertThat(haConfigMaps()).as("Flink's HA ConfigMaps deleted with the resource").isEmpty();
        flink.await("every Flink process stopped", () -> flink.kubelet().processIds(), java.util.List::isEmpty);
        flink.assertNoProcessLeft();
    }

    private void apply() {
        flink.world().applyYaml(NAME, """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata: {name: %s}
                spec:
                  image: flink:1.20
                  flinkVersion: v1_20
                  mode: standalone
                  serviceAccount: %s
                  flinkConfiguration:%s
                    taskmanager.numberOfTaskSlots: "2"
                    state.checkpoints.dir: file://%s
                    state.savepoints.dir: file://%s
                    execution.checkpointing.interval: 1 s
                    cluster.registration.error-delay: "1000"
                    web.refresh-interval: "200"
                  jobManager: {resource: {memory: 768m, cpu: 0.5}}
                  taskManager: {resource: {memory: 1024m, cpu: 0.5}}
                  job:
                    jarURI: local:///opt/flink/usrlib/%s
                    entryClass: %s
                    args: [--keys, "%d", --delay-ms, "%d"]
                    parallelism: %d
                    upgradeMode: %s
                    state: %s
                """.formatted(NAME, SERVICE_ACCOUNT, highAvailability
                ? "\n    high-availability.type: kubernetes\n    high-availability.storageDir: file://" + flink.stateDir().resolve("ha") : "",
                flink.stateDir().resolve("checkpoints"), flink.stateDir().resolve("savepoints"), FlinkOnKubelet.JOB_JAR,
                FlinkOnKubelet.JOB_CLASS, KEYS, delayMs, parallelism, upgradeMode, state));
    }

    private GenericKubernetesResource awaitStableWithNewJob(String previousJob) {
        return flink.await("STABLE with a RUNNING job" + (previousJob == null ? "" : " other than " + previousJob), () -> flink.world().flinkDeployment(NAME),
                d -> "STABLE".equals(status(d, "lifecycleState")) && "RUNNING".equals(status(d, "jobStatus", "state"))
                        && status(d, "jobStatus", "jobId") != null && !Objects.equals(previousJob, status(d, "jobStatus", "jobId")));
    }

    private String jobId() {
        return (String) status(flink.world().flinkDeployment(NAME), "jobStatus", "jobId");
    }

    private KeyedCountLines counts(Set<String> taskManagers) {
        return flink.counts(taskManagers, "key");
    }

    /** Waits until the new TaskManagers (not among {@code old}) printed a restored count for every key. */
    private KeyedCountLines awaitRestored(Set<String> old) {
        return flink.await("every key restored in the new job", () -> {
            Set<String> fresh = new HashSet<>(flink.podsEverRun(NAME, "taskmanager"));
            fresh.removeAll(old);
            return counts(fresh);
        }, c -> c.restored().size() == KEYS);
    }

    /**
     * Kills the JobManager's process (SIGKILL), then waits until the kubelet restarted its container in the same pod
     * (a restart more than the pod had, another process, exit code 137) and job {@code job} runs there again.
     */
    private void killTheJobManagerProcessAndAwaitItsJob(String job) {
        Pod jobManager = flink.pods(NAME, "jobmanager").get(0);
        long pid = flink.kubelet().processIds(flink.world().namespace(), jobManager.getMetadata().getName()).get(0);
        int restartsBefore = jobManager.getStatus().getContainerStatuses().get(0).getRestartCount();

        assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).as("SIGKILL to the JobManager").isTrue();

        Pod restarted = flink.await("the JobManager container restarted", () -> flink.pods(NAME, "jobmanager").get(0),
                p -> p.getStatus().getContainerStatuses().get(0).getRestartCount() > restartsBefore
                        && !("process://" + pid).equals(p.getStatus().getContainerStatuses().get(0).getContainerID())
                        && Boolean.TRUE.equals(p.getStatus().getContainerStatuses().get(0).getReady()));
        assertThat(restarted.getMetadata().getName()).as("the same pod").isEqualTo(jobManager.getMetadata().getName());
        assertThat(restarted.getStatus().getContainerStatuses().get(0).getLastState().getTerminated().getExitCode()).isEqualTo(137);
        flink.await("the job running again in the restarted JobManager", () -> flink.rest(NAME, "/jobs/" + job), j -> j.contains("\"state\":\"RUNNING\""));
    }

    /** The names of the HA ConfigMaps of the cluster, by every label Flink gives them. */
    private List<String> haConfigMaps() {
        return flink.world().client().configMaps().inNamespace(flink.world().namespace()).withLabels(HA_LABELS).list().getItems().stream()
                .map(c -> c.getMetadata().getName()).sorted().toList();
    }

    /**
     * Reads what every key counts now in {@code taskManagers} (its last line: a job restored from a checkpoint
     * counts again what the attempt before it counted after that checkpoint), then waits until two more
     * checkpoints completed: the second was triggered after the first completed, so after that reading, and holds
     * at least those counts.
     */
    private Map<String, Long> awaitACheckpointOf(Set<String> taskManagers) {
        String job = jobId();
        long completed = completedCheckpoints(job);
        Map<String, Long> counted = counts(taskManagers).latest();
        assertThat(counted).hasSize(KEYS);
        flink.await("two more checkpoints of job " + job, () -> completedCheckpoints(job), n -> n >= completed + 2);
        return counted;
    }

    private long completedCheckpoints(String job) {
        java.util.regex.Matcher completed = java.util.regex.Pattern.compile("\"completed\":(\\d+)").matcher(flink.rest(NAME, "/jobs/" + job + "/checkpoints"));
        return completed.find() ? Long.parseLong(completed.group(1)) : 0;
    }

    private void awaitACheckpoint() {
        String job = jobId();
        flink.await("a completed checkpoint of job " + job, () -> flink.rest(NAME, "/jobs/" + job + "/checkpoints"),
                body -> body.matches("(?s).*\"completed\":[1-9].*"));
    }

    /** Every key came back from a checkpoint of the old job: counted, and never ahead of what the old job counted. */
    private void assertRestoredFromACheckpointOf(Set<String> oldTaskManagers, KeyedCountLines restored) {
        Map<String, Long> before = counts(oldTaskManagers).highest();
        assertThat(restored.restored().keySet()).isEqualTo(before.keySet());
        restored.restored().forEach((key, count) -> assertThat(count).as("key %s", key).isPositive().isLessThanOrEqualTo(before.get(key)));
    }
}
