package org.flinkop.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.runtime.operator.ElectingOperators.flinkEvents;
import static org.flinkop.runtime.operator.ElectingOperators.holder;
import static org.flinkop.runtime.operator.ElectingOperators.lease;
import static org.flinkop.runtime.operator.ElectingOperators.metric;
import static org.flinkop.runtime.operator.ElectingOperators.metrics;
import static org.flinkop.runtime.operator.KubeWorld.await;
import static org.flinkop.runtime.operator.KubeWorld.status;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.testkit.kube.KubeNamespace;
import org.flinkop.testkit.kube.WithKubeApiServer;
import org.flinkop.testkit.kubelet.HostPortAnnotation;
import org.flinkop.testkit.kubelet.PublishedJobManagerEndpoints;
import org.junit.jupiter.api.Test;

/**
 * Leader election with real Flink: two operators as JVMs of their own, wired as {@link OperatorMain} wires them (see
 * {@link RealFlinkOperatorMain}), against the real API server, and a process kubelet in this JVM running the pods as
 * Flink 1.20 processes. Only the leader reconciles and talks to Flink; killed with SIGKILL, the standby takes over
 * and does nothing again that was done, as Flink itself shows (the same job, the same JobManager process, no
 * savepoint, no restore, checkpoints going on), and then upgrades the job exactly once.
 */
@WithKubeApiServer
class LeaderElectionOnKubeletIT {

    private static final String NAME = "counter";
    private static final int KEYS = 4;
    private static final String FLINK_CALL = "msg=\"" + RealFlinkOperatorMain.FLINK_CALL + "\"";
    private static final Pattern FLINK_METHOD = Pattern.compile("logger=" + Pattern.quote(RealFlinkOperatorMain.FLINK_LOGGER) + " "
            + Pattern.quote(FLINK_CALL) + " .*method=(\\w+)");
    private static final Pattern JOB_ID = Pattern.compile("\"id\":\"([0-9a-f]{32})\"");
    private static final Set<String> ACTIONS = Set.of("submit", "cancel", "stopWithSavepoint", "triggerSavepoint", "triggerCheckpoint", "disposeSavepoint");

    @Test
    void only_the_leader_acts_on_flink_and_the_standby_takes_over_without_doing_anything_twice(KubeNamespace namespace) throws Exception {
        Path dir = KubeWorld.itDir().resolve("leader-kubelet").resolve(namespace.name());
        Path kubeconfig = ElectingOperators.kubeconfigIn(namespace, dir);
        List<OperatorProcess> operators = new ArrayList<>();
        try (FlinkOnKubelet flink = FlinkOnKubelet.withoutOperator(namespace);
                OperatorProcess a = start(dir.resolve("a"), kubeconfig, namespace.name(), "operator-a");
                OperatorProcess b = start(dir.resolve("b"), kubeconfig, namespace.name(), "operator-b")) {
            operators.addAll(List.of(a, b));
            KubeWorld world = flink.world();
            await("both operators ready", () -> a.get("/readyz") == 200 && b.get("/readyz") == 200, () -> a.stdout() + b.stdout());
            await("one operator holds the Lease", () -> !holder(world).isEmpty(), () -> lease(world));
            OperatorProcess leader = holder(world).startsWith("operator-a-") ? a : b;
            OperatorProcess standby = leader == a ? b : a;
            String standbyName = leader == a ? "operator-b-" : "operator-a-";
            await("the leader's gauge", () -> metric(leader, "flinkop_leader") == 1, leader::stdout);
            assertThat(metric(standby, "flinkop_leader")).isZero();

            // the leader deploys the application and its job runs on Flink processes
            apply(world, flink, 1, 50);
            String jobId = (String) status(awaitStableWithNewJob(flink, null), "jobStatus", "jobId");
            flink.await("every key counted", () -> counts(flink, flink.podsEverRun(NAME, "taskmanager")), c -> c.everyKeyReached(KEYS, 5));
            assertThat(world.kubectl("get", "flinkdep")).containsPattern(NAME + "\\s+RUNNING\\s+STABLE");
            assertThat(flinkJobs(flink)).as("the jobs Flink runs").containsExactly(jobId);

            assertThat(metric(standby, "flinkop_reconcile_passes_total{kind=\"FlinkDeployment\"}")).as("the standby ran no pass").isZero();
            assertThat(metrics(standby)).as("the standby recorded no event").doesNotContain("flinkop_events_total{");
            assertThat(standby.stdout()).as("the standby made no call to Flink").doesNotContain(FLINK_CALL).doesNotContain("msg=event")
                    .contains("msg=\"leader election: another operator leads\"");
            assertThat(leader.stdout()).as("the leader's calls to Flink are logged").contains(FLINK_CALL);
            assertThat(actions(leader)).as("the leader's actions on Flink before the kill").isEmpty();

            Pod jobManager = flink.pods(NAME, "jobmanager").get(0);
            Pod taskManager = flink.pods(NAME, "taskmanager").get(0);
            assertThat(jobManager.getMetadata().getAnnotations()).as("the host ports the kubelet published on the pod").containsKey(HostPortAnnotation.KEY);
            ResourceKey cluster = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, world.namespace(), NAME);
            try (PublishedJobManagerEndpoints published = PublishedJobManagerEndpoints.start(world.client(), List.of(world.namespace()))) {
                assertThat(published.rest(cluster, 8081)).as("the endpoint the operators read from the API server, and the kubelet's own")
                        .isNotEmpty().isEqualTo(flink.kubelet().jobManagerEndpoints().rest(cluster, 8081));
            }
            List<Long> jobManagerProcess = flink.kubelet().processIds(world.namespace(), jobManager.getMetadata().getName());
            List<Long> taskManagerProcess = flink.kubelet().processIds(world.namespace(), taskManager.getMetadata().getName());
            assertThat(jobManagerProcess).hasSize(1);
            assertThat(taskManagerProcess).hasSize(1);
            String jobManagerUid = world.deployment(NAME).getMetadata().getUid();
            String taskManagerUid = world.deployment(NAME + "-taskmanager").getMetadata().getUid();
            long checkpoints = completedCheckpoints(flink, jobId);
            Map<String, Integer> eventsBefore = flinkEvents(world);

            // the leader dies; the standby takes the Lease and looks at the deployment
            long killedAt = System.nanoTime();
            assertThat(leader.kill(Duration.ofSeconds(30))).as("killed by SIGKILL").isEqualTo(137);
            await("the standby takes the Lease", () -> holder(world).startsWith(standbyName), () -> lease(world));
            System.out.printf("leader election with real Flink: the standby took the Lease %d ms after the leader was killed (lease 4 s, renew 3 s, retry 1 s)%n",
                    Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
            // one pass: the loop starts with one for every resource, and the watch does not add one for the Deployments it lists
            await("the new leader has looked at the deployment and its job", () -> metric(standby, "flinkop_reconcile_passes_total{kind=\"FlinkDeployment\"}") >= 1
                    && standby.stdout().contains(FLINK_CALL), standby::stdout);
            flink.await("two more checkpoints of the job under the new leader", () -> completedCheckpoints(flink, jobId), n -> n >= checkpoints + 2);

            // nothing was done again, on Flink ...
            assertThat(flinkJobs(flink)).as("the jobs Flink runs after the take-over").containsExactly(jobId);
            assertThat(flink.rest(NAME, "/jobs/" + jobId)).contains("\"state\":\"RUNNING\"");
            String checkpointing = flink.rest(NAME, "/jobs/" + jobId + "/checkpoints");
            assertThat(checkpointing).as("the job never restored and took no savepoint").contains("\"restored\":0").contains("\"savepoint\":null")
                    .doesNotContain("\"is_savepoint\":true");
            assertThat(flink.pods(NAME, "jobmanager")).extracting(p -> p.getMetadata().getName()).containsExactly(jobManager.getMetadata().getName());
            assertThat(flink.kubelet().processIds(world.namespace(), jobManager.getMetadata().getName())).as("the same JobManager process")
                    .isEqualTo(jobManagerProcess);
            assertThat(flink.kubelet().processIds(world.namespace(), taskManager.getMetadata().getName())).as("the same TaskManager process")
                    .isEqualTo(taskManagerProcess);
            assertThat(flink.podsEverRun(NAME, "jobmanager")).as("JobManager pods ever run").hasSize(1);
            assertThat(flink.podsEverRun(NAME, "taskmanager")).as("TaskManager pods ever run").hasSize(1);
            assertThat(counts(flink, flink.podsEverRun(NAME, "taskmanager")).restored()).as("no key restored: the job was never started again").isEmpty();
            assertThat(actions(standby)).as("the new leader's actions on Flink").isEmpty();
            // ... and on the objects
            GenericKubernetesResource taken = world.flinkDeployment(NAME);
            assertThat(status(taken, "lifecycleState")).isEqualTo("STABLE");
            assertThat(status(taken, "jobStatus", "jobId")).isEqualTo(jobId);
            assertThat(world.deployment(NAME).getMetadata().getUid()).as("the JobManager Deployment was not made again").isEqualTo(jobManagerUid);
            assertThat(world.deployment(NAME + "-taskmanager").getMetadata().getUid()).as("nor the TaskManagers'").isEqualTo(taskManagerUid);
            assertThat(flinkEvents(world)).as("no event recorded again for what was already decided").isEqualTo(eventsBefore);

            // a savepoint upgrade under the new leader happens once
            Set<String> oldTaskManagers = flink.podsEverRun(NAME, "taskmanager");
            apply(world, flink, 2, 40);
            GenericKubernetesResource upgraded = awaitStableWithNewJob(flink, jobId);
            String newJob = (String) status(upgraded, "jobStatus", "jobId");
            KeyedCountLines restored = awaitRestored(flink, oldTaskManagers);
            assertThat(restored.restored()).as("every key resumes at the count the old job stopped at").isEqualTo(counts(flink, oldTaskManagers).highest());
            assertThat(restored.everyRestore().values()).as("each key restored once").allSatisfy(restores -> assertThat(restores).hasSize(1));
            assertThat(flinkJobs(flink)).as("the jobs the new cluster runs").containsExactly(newJob);
            assertThat(flink.rest(NAME, "/jobs/" + newJob)).contains("\"parallelism\":2");
            assertThat(flink.podsEverRun(NAME, "jobmanager")).as("JobManager pods ever run: the first and the upgrade's").hasSize(2);
            String savepoint = (String) status(upgraded, "jobStatus", "upgradeSavepointPath");
            assertThat(Path.of(URI.create(savepoint).getPath()).resolve("_metadata")).as("the upgrade's savepoint is on disk").exists();
            assertThat(entries(flink.stateDir().resolve("savepoints"))).as("savepoints taken").hasSize(1);
            assertThat(actions(standby)).as("the new leader's actions on Flink").containsExactly("stopWithSavepoint");
            assertThat(actions(leader)).as("the killed leader's").isEmpty();
            assertThat(((Number) status(upgraded, "observedGeneration")).longValue()).isEqualTo(upgraded.getMetadata().getGeneration());
            assertThat(world.events().stream().filter(e -> e.getInvolvedObject().getKind().startsWith("Flink")).map(e -> e.getCount()))
                    .as("no event recorded twice: %s", flinkEvents(world)).allSatisfy(count -> assertThat(count).isIn(null, 1));

            // deleting the deployment stops every Flink process
            world.kubectl("delete", "flinkdeployment", NAME, "--wait=false");
            flink.await("the resource, its objects and its pods gone", () -> world.clusterObjectNames(Map.of("app", NAME)),
                    objects -> objects.isEmpty() && world.flinkDeployment(NAME) == null);
            flink.await("every Flink process stopped", () -> flink.kubelet().processIds(), List::isEmpty);
        }
        // the operators stopped by their process ids, the kubelet's processes checked by FlinkOnKubelet.close()
        assertThat(operators).extracting(OperatorProcess::pid).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                .as("operator process %d", pid).isEmpty());
    }

    private static OperatorProcess start(Path dir, Path kubeconfig, String namespace, String podName) {
        return ElectingOperators.start(RealFlinkOperatorMain.class, dir, kubeconfig, namespace, podName, List.of("-Xmx256m"));
    }

    private static void apply(KubeWorld world, FlinkOnKubelet flink, int parallelism, int delayMs) {
        world.applyYaml(NAME, """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata: {name: %s}
                spec:
                  image: flink:1.20
                  flinkVersion: v1_20
                  mode: standalone
                  flinkConfiguration:
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
                    upgradeMode: savepoint
                """.formatted(NAME, flink.stateDir().resolve("checkpoints"), flink.stateDir().resolve("savepoints"), FlinkOnKubelet.JOB_JAR,
                FlinkOnKubelet.JOB_CLASS, KEYS, delayMs, parallelism));
    }

    private static GenericKubernetesResource awaitStableWithNewJob(FlinkOnKubelet flink, String previousJob) {
        return flink.await("STABLE with a RUNNING job" + (previousJob == null ? "" : " other than " + previousJob), () -> flink.world().flinkDeployment(NAME),
                d -> "STABLE".equals(status(d, "lifecycleState")) && "RUNNING".equals(status(d, "jobStatus", "state"))
                        && status(d, "jobStatus", "jobId") != null && !Objects.equals(previousJob, status(d, "jobStatus", "jobId")));
    }

    /** The ids of the jobs the cluster's JobManager knows, as its REST API lists them. */
    private static List<String> flinkJobs(FlinkOnKubelet flink) {
        Matcher ids = JOB_ID.matcher(flink.rest(NAME, "/jobs"));
        List<String> jobs = new ArrayList<>();
        while (ids.find()) {
            jobs.add(ids.group(1));
        }
        return jobs;
    }

    private static long completedCheckpoints(FlinkOnKubelet flink, String job) {
        Matcher completed = Pattern.compile("\"completed\":(\\d+)").matcher(flink.rest(NAME, "/jobs/" + job + "/checkpoints"));
        return completed.find() ? Long.parseLong(completed.group(1)) : 0;
    }

    /** The calls of the Flink port an operator made that change something on Flink, in order. */
    private static List<String> actions(OperatorProcess operator) {
        Matcher calls = FLINK_METHOD.matcher(operator.stdout());
        List<String> actions = new ArrayList<>();
        while (calls.find()) {
            if (ACTIONS.contains(calls.group(1))) {
                actions.add(calls.group(1));
            }
        }
        return actions;
    }

    private static KeyedCountLines counts(FlinkOnKubelet flink, Set<String> taskManagers) {
        return flink.counts(taskManagers, "key");
    }

    /** Waits until the new TaskManagers (not among {@code old}) printed a restored count for every key. */
    private static KeyedCountLines awaitRestored(FlinkOnKubelet flink, Set<String> old) {
        return flink.await("every key restored in the new job", () -> {
            Set<String> fresh = new HashSet<>(flink.podsEverRun(NAME, "taskmanager"));
            fresh.removeAll(old);
            return counts(flink, fresh);
        }, c -> c.restored().size() == KEYS);
    }

    private static List<Path> entries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
