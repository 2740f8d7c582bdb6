package org.flinkop.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.runtime.operator.KubeWorld.status;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
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
 * End to end in native mode, with nothing simulated but the node: a native application FlinkDeployment applied with
 * kubectl becomes a JobManager Deployment whose pod the process kubelet runs as Flink 1.20's own
 * {@code KubernetesApplicationClusterEntrypoint}; that JobManager, through the token of the installation's
 * {@code flink} service account (its Role applied unchanged), creates its TaskManager pods through the API server, and
 * the kubelet runs them too ({@code KubernetesTaskExecutorRunner}, with the dynamic properties Flink wrote into their
 * command). The keyed-state job proves that every key's count came back after a savepoint upgrade. Then a native
 * session cluster with a session job, and a Flink 2.3 native application.
 */
@WithKubeApiServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NativeOnKubeletIT {

    private static final String NAME = "native";
    private static final String SESSION = "native-session";
    private static final String NAME_2 = "native-two";
    private static final int KEYS = 4;
    private static final String SERVICE_ACCOUNT = "flink";

    private FlinkOnKubelet flink;
    private int parallelism = 1;
    private String image = "flink:1.20";
    private String flinkVersion = "v1_20";
    private Map<String, Long> fromSavepoint = Map.of();
    private boolean highAvailability;

    @BeforeAll
    void start(KubeNamespace namespace) {
        flink = FlinkOnKubelet.start(namespace);
        flink.installFlinkServiceAccount();
    }

    @AfterAll
    void stop() throws IOException {
        flink.close();
    }

    @Test
    @Order(1)
    void a_native_application_runs_its_job_on_task_manager_pods_its_job_manager_created() {
        apply();

        awaitStableWithNewJob(null);
        assertThat(flink.world().kubectl("get", "flinkdep")).containsPattern(NAME + "\\s+RUNNING\\s+STABLE");
        Pod jobManager = flink.pods(NAME, "jobmanager").get(0);
        assertThat(jobManager.getSpec().getNodeName()).isEqualTo(flink.kubelet().nodeName());
        assertThat(String.join(" ", jobManager.getSpec().getContainers().get(0).getArgs())).contains("kubernetes-jobmanager.sh kubernetes-application");
        assertThat(flink.kubelet().podDirectory(flink.world().namespace(), jobManager.getMetadata().getName()).resolve("serviceaccount/kubeconfig"))
                .as("the JobManager reaches the API server as its pod's service account").content().contains("user: " + SERVICE_ACCOUNT);

        List<Pod> taskManagers = awaitRunningTaskManagers(1);
        Deployment jobManagerDeployment = flink.world().deployment(NAME);
        for (Pod taskManager : taskManagers) {
            assertThat(taskManager.getMetadata().getLabels()).as("labelled by Flink").containsEntry("type", "flink-native-kubernetes");
            assertThat(taskManager.getMetadata().getOwnerReferences()).as("owned by the JobManager Deployment, set by Flink")
                    .extracting(OwnerReference::getKind, OwnerReference::getName, OwnerReference::getUid)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("Deployment", NAME, jobManagerDeployment.getMetadata().getUid()));
            assertThat(String.join(" ", taskManager.getSpec().getContainers().get(0).getArgs())).as("the command Flink wrote")
                    .contains("kubernetes-taskmanager.sh").containsPattern("-Dtaskmanager.resource-id='?" + taskManager.getMetadata().getName() + "'?\\s");
            assertThat(taskManager.getSpec().getNodeName()).isEqualTo(flink.kubelet().nodeName());
        }
        // read until the REST endpoint answers: a busy machine may make one request time out
        String registered = "\"id\":\"" + taskManagers.get(0).getMetadata().getName() + "\"";
        flink.await("the TaskManager registered under its pod's name", () -> flink.rest(NAME, "/taskmanagers"), body -> body.contains(registered));
        flink.await("every key counted", () -> counts(flink.podRunsByUid(NAME, "taskmanager").keySet()), c -> c.everyKeyReached(KEYS, 5));
    }

    @Test
    @Order(2)
    void a_savepoint_upgrade_to_a_new_parallelism_gets_new_task_manager_pods_and_continues_every_count_exactly() {
        String before = jobId();
        Set<String> oldTaskManagers = flink.podRunsByUid(NAME, "taskmanager").keySet();

        // in native mode a parallelism change is an upgrade: the new JobManager asks for two TaskManagers of one slot
        parallelism = 2;
        apply();
        GenericKubernetesResource upgraded = awaitStableWithNewJob(before);

        String savepoint = (String) status(upgraded, "jobStatus", "upgradeSavepointPath");
        assertThat(savepoint).as("the savepoint the upgrade took is recorded").isNotBlank();
        assertThat(Path.of(URI.create(savepoint).getPath()).resolve("_metadata")).as("the savepoint is on disk").exists();
        String job = jobId();
        flink.await("the new job's parallelism", () -> flink.rest(NAME, "/jobs/" + job), body -> body.contains("\"parallelism\":2"));
        List<Pod> taskManagers = awaitRunningTaskManagers(2);
        assertThat(taskManagers).extracting(p -> p.getMetadata().getUid()).doesNotContainAnyElementsOf(oldTaskManagers);

        KeyedCountLines restored = flink.await("every key restored in the new job", () -> counts(fresh(oldTaskManagers)), c -> c.restored().size() == KEYS);
        // stop-with-savepoint: nothing is counted after the savepoint, so each key resumes exactly where it stopped
        assertThat(restored.restored()).isEqualTo(counts(oldTaskManagers).highest());
        fromSavepoint = restored.restored();
    }

    @Test
    @Order(3)
    void a_task_manager_whose_process_dies_is_replaced_by_flink_with_a_new_pod_and_every_key_restores_from_a_checkpoint() {
        String job = jobId();
        flink.await("a completed checkpoint of job " + job, () -> flink.rest(NAME, "/jobs/" + job + "/checkpoints"),
                body -> body.matches("(?s).*\"completed\":[1-9].*"));
        Set<String> before = flink.podRunsByUid(NAME, "taskmanager").keySet();
        Pod victim = flink.pods(NAME, "taskmanager").get(0);
        assertThat(victim.getSpec().getRestartPolicy()).as("as Flink writes it: its JobManager replaces the pod").isEqualTo("Never");
        long pid = flink.kubelet().processIds(flink.world().namespace(), victim.getMetadata().getName()).get(0);

        assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).as("SIGKILL to a TaskManager").isTrue();

        flink.await("the dead TaskManager's pod gone and a new one ready", () -> flink.pods(NAME, "taskmanager"), pods -> ready(pods, 2)
                && pods.stream().noneMatch(p -> p.getMetadata().getUid().equals(victim.getMetadata().getUid())));
        // Flink may also create a pod and release it again while its job restarts: at least one new pod runs now
        assertThat(flink.pods(NAME, "taskmanager")).as("a new pod, created by Flink").extracting(p -> p.getMetadata().getUid())
                .anyMatch(uid -> !before.contains(uid));
        flink.await("the operator sees the job running", () -> flink.world().flinkDeployment(NAME),
                d -> "RUNNING".equals(status(d, "jobStatus", "state")) && job.equals(status(d, "jobStatus", "jobId")));
        // restored once from the upgrade's savepoint, then from a checkpoint: never behind the first, never ahead of what was counted
        KeyedCountLines restored = flink.await("every key restored again", () -> counts(flink.podRunsByUid(NAME, "taskmanager").keySet()),
                c -> c.everyRestore().size() == KEYS && c.everyRestore().values().stream().allMatch(r -> r.size() >= 2));
        restored.everyRestore().forEach((key, restores) -> assertThat(restores).as("key %s", key).contains(fromSavepoint.get(key))
                .allMatch(count -> count >= fromSavepoint.get(key) && count <= restored.highest().get(key)));
    }

    @Test
    @Order(4)
    void with_kubernetes_high_availability_a_killed_job_manager_process_recovers_its_job_from_the_ha_metadata() {
        String before = jobId();
        Map<String, Integer> restoresBeforeUpgrade = restoreCounts();
        highAvailability = true;
        apply();
        awaitStableWithNewJob(before);
        String job = jobId();
        flink.await("Flink's HA ConfigMaps of the cluster and of its job", this::haConfigMaps, names -> names.contains(NAME + "-cluster-config-map")
                && names.contains(NAME + "-" + job + "-config-map"));
        List<Pod> taskManagers = awaitRunningTaskManagers(2);
        flink.await("a completed checkpoint of job " + job, () -> flink.rest(NAME, "/jobs/" + job + "/checkpoints"),
                body -> body.matches("(?s).*\"completed\":[1-9].*"));
        Map<String, Integer> restoresBefore = flink.await("every key restored from this upgrade's savepoint", this::restoreCounts,
                r -> r.size() == KEYS && r.entrySet().stream().allMatch(e -> e.getValue() > restoresBeforeUpgrade.getOrDefault(e.getKey(), 0)));

        Pod jobManager = flink.pods(NAME, "jobmanager").get(0);
        long pid = flink.kubelet().processIds(flink.world().namespace(), jobManager.getMetadata().getName()).get(0);
        assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).as("SIGKILL to the JobManager").isTrue();

        Pod restarted = flink.await("the JobManager container restarted in its pod", () -> flink.pods(NAME, "jobmanager").get(0),
                p -> p.getStatus().getContainerStatuses().get(0).getRestartCount() > 0
                        && !("process://" + pid).equals(p.getStatus().getContainerStatuses().get(0).getContainerID())
                        && Boolean.TRUE.equals(p.getStatus().getContainerStatuses().get(0).getReady()));
        assertThat(restarted.getMetadata().getUid()).as("the same pod").isEqualTo(jobManager.getMetadata().getUid());
        flink.await("the job running again under its id, recovered from the HA metadata", () -> flink.rest(NAME, "/jobs/" + job),
                body -> body.contains("\"state\":\"RUNNING\""));
        flink.await("the operator sees it running", () -> flink.world().flinkDeployment(NAME),
                d -> "RUNNING".equals(status(d, "jobStatus", "state")) && job.equals(status(d, "jobStatus", "jobId")));
        // every key restored once more, from a checkpoint: never ahead of what it counted
        KeyedCountLines after = flink.await("every key restored once more", () -> counts(flink.podRunsByUid(NAME, "taskmanager").keySet()),
                c -> c.everyRestore().size() == KEYS && c.everyRestore().entrySet().stream().allMatch(e -> e.getValue().size() > restoresBefore.get(e.getKey())));
        after.everyRestore().forEach((key, restores) -> assertThat(restores).as("key %s", key).allMatch(count -> count <= after.highest().get(key)));
        // the TaskManager pods outlived their JobManager: the restarted one found them by their labels and took them back
        assertThat(flink.pods(NAME, "taskmanager")).extracting(p -> p.getMetadata().getUid())
                .containsExactlyInAnyOrderElementsOf(taskManagers.stream().map(p -> p.getMetadata().getUid()).toList());
    }

    @Test
    @Order(5)
    void deleting_the_deployment_removes_every_pod_flink_created_and_stops_every_process() {
        List<String> taskManagers = flink.pods(NAME, "taskmanager").stream().map(p -> p.getMetadata().getName()).toList();
        assertThat(taskManagers).hasSize(2);
        flink.notePids();
        flink.world().kubectl("delete", "flinkdeployment", NAME, "--wait=false");

        flink.await("the resource, its objects, its HA ConfigMaps and every pod gone", () -> flink.world().clusterObjectNames(Map.of("app", NAME)),
                objects -> objects.isEmpty() && flink.world().flinkDeployment(NAME) == null);
        assertThat(haConfigMaps()).isEmpty();
        flink.await("every Flink process stopped", () -> flink.kubelet().processIds(), List::isEmpty);
        flink.assertNoProcessLeft();
    }

    @Test
    @Order(6)
    void a_native_session_cluster_creates_task_manager_pods_for_its_session_job_and_upgrades_it_with_a_savepoint() {
        flink.world().applyYaml(SESSION, """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata: {name: %s}
                spec:
                  image: flink:1.20
                  flinkVersion: v1_20
                  serviceAccount: %s
                  flinkConfiguration:
                    taskmanager.numberOfTaskSlots: "1"
                    execution.checkpointing.interval: 1 s
                    state.checkpoints.dir: file://%s
                    state.savepoints.dir: file://%s
                    cluster.registration.error-delay: "1000"
                    web.refresh-interval: "200"
                  jobManager: {resource: {memory: 768m, cpu: 0.5}}
                  taskManager: {resource: {memory: 1024m, cpu: 0.5}}
                """.formatted(SESSION, SERVICE_ACCOUNT, flink.stateDir().resolve("checkpoints"), flink.stateDir().resolve("savepoints")));
        flink.await("the session cluster STABLE", () -> flink.world().flinkDeployment(SESSION), d -> "STABLE".equals(status(d, "lifecycleState")));
        assertThat(String.join(" ", flink.pods(SESSION, "jobmanager").get(0).getSpec().getContainers().get(0).getArgs()))
                .contains("kubernetes-jobmanager.sh kubernetes-session");
        assertThat(flink.pods(SESSION, "taskmanager")).as("a native session cluster starts without TaskManagers").isEmpty();

        sessionJob(1);
        awaitStableSessionJob(null);
        awaitRunningTaskManagers(SESSION, 1);
        flink.await("every key counted", () -> sessionCounts(), c -> c.everyKeyReached(KEYS, 5));

        String before = (String) status(flink.world().sessionJob("counting"), "jobStatus", "jobId");
        sessionJob(2);
        GenericKubernetesResource upgraded = awaitStableSessionJob(before);
        assertThat((String) status(upgraded, "jobStatus", "upgradeSavepointPath")).as("the savepoint the upgrade took").isNotBlank();
        awaitRunningTaskManagers(SESSION, 2);
        KeyedCountLines restored = flink.await("every key restored", this::sessionCounts, c -> c.restored().size() == KEYS);
        // the first TaskManager's lines come first: what each key counted in the old job before its restore, wherever the new job runs it
        assertThat(restored.restored()).isEqualTo(restored.highestBeforeRestore());
        assertThat(restored.restored().values()).allMatch(count -> count >= 5);

        flink.notePids();
        flink.world().kubectl("delete", "flinksessionjob", "counting", "--wait=false");
        flink.await("the session job gone", () -> Objects.toString(flink.world().sessionJob("counting")), "null"::equals);
        flink.world().kubectl("delete", "flinkdeployment", SESSION, "--wait=false");
        flink.await("the session cluster's objects and every pod gone", () -> flink.world().clusterObjectNames(Map.of("app", SESSION)), List::isEmpty);
        flink.await("every Flink process stopped", () -> flink.kubelet().processIds(), List::isEmpty);
        flink.assertNoProcessLeft();
    }

    @Test
    @Order(7)
    void a_flink_2_3_native_application_runs_and_a_savepoint_upgrade_continues_every_count_exactly() {
        image = "flink:2.3";
        flinkVersion = "v2_3";
        highAvailability = false;
        parallelism = 1;
        apply(NAME_2);
        awaitStableWithNewJob(NAME_2, null);
        awaitRunningTaskManagers(NAME_2, 1);
        flink.await("every key counted", () -> counts(NAME_2, flink.podRunsByUid(NAME_2, "taskmanager").keySet()), c -> c.everyKeyReached(KEYS, 5));
        flink.await("Flink 2.3 answering", () -> flink.rest(NAME_2, "/config"), body -> body.contains("\"flink-version\":\"2.3"));

        String before = jobId(NAME_2);
        Set<String> oldTaskManagers = flink.podRunsByUid(NAME_2, "taskmanager").keySet();
        parallelism = 2;
        apply(NAME_2);
        awaitStableWithNewJob(NAME_2, before);
        awaitRunningTaskManagers(NAME_2, 2);
        KeyedCountLines restored = flink.await("every key restored in the new job", () -> counts(NAME_2, fresh(NAME_2, oldTaskManagers)),
                c -> c.restored().size() == KEYS);
        assertThat(restored.restored()).isEqualTo(counts(NAME_2, oldTaskManagers).highest());

        flink.notePids();
        flink.world().kubectl("delete", "flinkdeployment", NAME_2, "--wait=false");
        flink.await("its objects and every pod gone", () -> flink.world().clusterObjectNames(Map.of("app", NAME_2)), List::isEmpty);
        flink.await("every Flink process stopped", () -> flink.kubelet().processIds(), List::isEmpty);
        flink.assertNoProcessLeft();
    }

    private void sessionJob(int jobParallelism) {
        flink.world().applyYaml("counting", """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkSessionJob
                metadata: {name: counting}
                spec:
                  deploymentName: %s
                  job:
                    jarURI: %s
                    entryClass: %s
                    args: [--keys, "%d"]
                    parallelism: %d
                    upgradeMode: savepoint
                """.formatted(SESSION, flink.hostJobJar().toUri(), FlinkOnKubelet.JOB_CLASS, KEYS, jobParallelism));
    }

    private GenericKubernetesResource awaitStableSessionJob(String previousJob) {
        return flink.await("the session job STABLE with a RUNNING job" + (previousJob == null ? "" : " other than " + previousJob),
                () -> flink.world().sessionJob("counting"), j -> "STABLE".equals(status(j, "lifecycleState")) && "RUNNING".equals(status(j, "jobStatus", "state"))
                        && status(j, "jobStatus", "jobId") != null && !Objects.equals(previousJob, status(j, "jobStatus", "jobId")));
    }

    /** The session's TaskManagers' lines, the earliest pod's first. */
    private KeyedCountLines sessionCounts() {
        return flink.counts(new java.util.TreeSet<>(flink.podsEverRun(SESSION, "taskmanager")), "key");
    }

    private void apply() {
        apply(NAME);
    }

    private void apply(String name) {
        flink.world().applyYaml(name, """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata: {name: %s}
                spec:
                  image: %s
                  flinkVersion: %s
                  serviceAccount: %s
                  flinkConfiguration:%s
                    taskmanager.numberOfTaskSlots: "1"
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
                    args: [--keys, "%d", --delay-ms, "50"]
                    parallelism: %d
                    upgradeMode: savepoint
                """.formatted(name, image, flinkVersion, SERVICE_ACCOUNT, highAvailability
                ? "\n    high-availability.type: kubernetes\n    high-availability.storageDir: file://" + flink.stateDir().resolve("ha-" + name) : "",
                flink.stateDir().resolve("checkpoints"), flink.stateDir().resolve("savepoints"), FlinkOnKubelet.JOB_JAR,
                FlinkOnKubelet.JOB_CLASS, KEYS, parallelism));
    }

    private GenericKubernetesResource awaitStableWithNewJob(String previousJob) {
        return awaitStableWithNewJob(NAME, previousJob);
    }

    private GenericKubernetesResource awaitStableWithNewJob(String name, String previousJob) {
        return flink.await(name + " STABLE with a RUNNING job" + (previousJob == null ? "" : " other than " + previousJob), () -> flink.world().flinkDeployment(name),
                d -> "STABLE".equals(status(d, "lifecycleState")) && "RUNNING".equals(status(d, "jobStatus", "state"))
                        && status(d, "jobStatus", "jobId") != null && !Objects.equals(previousJob, status(d, "jobStatus", "jobId")));
    }

    /** Waits until {@code count} TaskManager pods of the cluster run and are ready, none of them being deleted. */
    private List<Pod> awaitRunningTaskManagers(int count) {
        return awaitRunningTaskManagers(NAME, count);
    }

    private List<Pod> awaitRunningTaskManagers(String cluster, int count) {
        return flink.await(count + " ready TaskManager pods of " + cluster, () -> flink.pods(cluster, "taskmanager"), pods -> ready(pods, count));
    }

    /** How often each key was restored so far, in every TaskManager of the cluster. */
    private Map<String, Integer> restoreCounts() {
        return counts(flink.podRunsByUid(NAME, "taskmanager").keySet()).everyRestore().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size()));
    }

    /** The names of the cluster's HA ConfigMaps, by every label Flink gives them. */
    private List<String> haConfigMaps() {
        return flink.world().client().configMaps().inNamespace(flink.world().namespace())
                .withLabels(Map.of("app", NAME, "type", "flink-native-kubernetes", "configmap-type", "high-availability")).list().getItems().stream()
                .map(c -> c.getMetadata().getName()).sorted().toList();
    }

    private static boolean ready(List<Pod> pods, int count) {
        return pods.size() == count && pods.stream().allMatch(p -> p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null
                && p.getStatus().getContainerStatuses() != null && !p.getStatus().getContainerStatuses().isEmpty()
                && Boolean.TRUE.equals(p.getStatus().getContainerStatuses().get(0).getReady()));
    }

    private String jobId() {
        return jobId(NAME);
    }

    private String jobId(String name) {
        return (String) status(flink.world().flinkDeployment(name), "jobStatus", "jobId");
    }

    /** The keyed-count lines of the TaskManager pods of these uids. */
    private KeyedCountLines counts(Set<String> taskManagerUids) {
        return counts(NAME, taskManagerUids);
    }

    private KeyedCountLines counts(String cluster, Set<String> taskManagerUids) {
        Map<String, String> runs = flink.podRunsByUid(cluster, "taskmanager");
        return flink.counts(taskManagerUids.stream().filter(runs::containsKey).map(runs::get).collect(Collectors.toSet()), "key");
    }

    /** The uids of the TaskManager pods run since {@code old}. */
    private Set<String> fresh(Set<String> old) {
        return fresh(NAME, old);
    }

    private Set<String> fresh(String cluster, Set<String> old) {
        return flink.podRunsByUid(cluster, "taskmanager").keySet().stream().filter(uid -> !old.contains(uid)).collect(Collectors.toSet());
    }
}
