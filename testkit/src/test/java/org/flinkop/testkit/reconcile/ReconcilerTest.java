package org.flinkop.testkit.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.FlinkStateSnapshot;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.domain.resource.SnapshotState;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.artifact.Artifact;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.flinkop.ports.cluster.ClusterObservation;
import org.flinkop.ports.cluster.ClusterOwner;
import org.flinkop.ports.reconcile.PassOutcome;
import org.flinkop.ports.reconcile.Reconciler;
import org.flinkop.testkit.flink.FakeFlink;
import org.flinkop.testkit.store.FakeResourceStore;
import org.flinkop.testkit.time.ManualClock;
import org.junit.jupiter.api.Test;

/** One pass at a time, through the ports, against the testkit's fakes. */
class ReconcilerTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-01T10:00:00Z"));
    private final FakeResourceStore store = new FakeResourceStore(clock);
    private final FakeFlink flink = new FakeFlink(clock, true, FakeFlink.Latencies.defaults());
    private boolean artifactsRefuse;
    private final Reconciler reconciler = new Reconciler(new Reconciler.Ports(store, flink, flink,
            uri -> artifactsRefuse ? Either.left(PortFailure.of(PortFailure.Reason.FORBIDDEN, "address " + uri.getHost() + " is not allowed"))
                    : Either.right(new Artifact("/cache/" + uri.getPath().replace('/', '_'), "ab", 10)),
            clock, OperatorSettings.defaults()));

    private static final ResourceKey ORDERS = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "streaming", "orders");

    private FlinkResource apply(Map<String, Object> doc) {
        return store.apply(ResourceBinding.decode(doc).resource().get()).get();
    }

    private static Map<String, Object> application(String mode, int parallelism) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "flink.apache.org/v1beta1");
        doc.put("kind", "FlinkDeployment");
        doc.put("metadata", Map.of("name", "orders", "namespace", "streaming"));
        doc.put("spec", Map.of("flinkVersion", "v1_20",
                "flinkConfiguration", Map.of("execution.checkpointing.interval", "5s", "state.checkpoints.dir", "file:///cp", "state.savepoints.dir", "file:///sp"),
                "jobManager", Map.of("resource", Map.of("memory", "1g", "cpu", 1)),
                "taskManager", Map.of("resource", Map.of("memory", "1g", "cpu", 1)),
                "job", Map.of("jarURI", "local:///opt/flink/job.jar", "parallelism", parallelism, "upgradeMode", mode)));
        return doc;
    }

    /** Runs passes for every resource, a simulated second apart, until {@code done}. */
    private void runUntil(BooleanSupplier done) {
        for (int i = 0; i < 300 && !done.getAsBoolean(); i++) {
            for (ResourceKind kind : ResourceKind.values()) {
                store.list(kind).forEach(r -> reconciler.reconcile(ResourceKey.of(r)));
            }
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(done.getAsBoolean()).as("converged within 300 simulated seconds").isTrue();
    }

    private FlinkDeployment orders() {
        return (FlinkDeployment) store.get(ORDERS).get();
    }

    private ResourceLifecycleState lifecycle(ResourceKey key) {
        FlinkResource resource = store.get(key).getOrNull();
        if (resource instanceof FlinkDeployment d && d.status() != null) {
            return d.status().lifecycleState();
        }
        if (resource instanceof FlinkSessionJob j && j.status() != null) {
            return j.status().lifecycleState();
        }
        return null;
    }

    private boolean stable() {
        return orders().status() != null && orders().status().lifecycleState() == ResourceLifecycleState.STABLE;
    }

    @Test
    void an_application_is_deployed_and_runs() {
        apply(application("savepoint", 2));

        runUntil(this::stable);

        assertThat(flink.runningJobs(ORDERS)).hasSize(1);
        assertThat(orders().metadata().finalizers()).containsExactly(Reconciler.FINALIZER);
        assertThat(store.events(ORDERS).map(e -> e.reason().name())).contains("DEPLOYING", "RUNNING");
    }

    @Test
    void a_new_deployments_first_pass_looks_only_for_a_prior_cluster_deploys_and_tells_the_deployer_it_was_never_deployed() {
        Recording recording = new Recording();
        Reconciler observing = new Reconciler(new Reconciler.Ports(store, recording, flink, uri -> Either.left(PortFailure.of(PortFailure.Reason.FORBIDDEN, "none")),
                clock, OperatorSettings.defaults()));
        apply(application("savepoint", 2));

        observing.reconcile(ORDERS);
        assertThat(recording.calls).containsExactly("prior", "deploy neverDeployed=true uid=true");

        recording.calls.clear();
        clock.advance(Duration.ofSeconds(1));
        observing.reconcile(ORDERS);
        assertThat(recording.calls).startsWith("restore", "observe");
    }

    /** Passes over the fake's clusters through {@code deployer}, with every artifact fetched. */
    private Reconciler through(ClusterDeployer deployer) {
        return new Reconciler(new Reconciler.Ports(store, deployer, flink, uri -> Either.right(new Artifact("/cache/job.jar", "ab", 10)), clock,
                OperatorSettings.defaults()));
    }

    /** Runs passes of ORDERS through {@code passes}, a simulated second apart, until {@code done}. */
    private void passUntil(Reconciler passes, BooleanSupplier done, int seconds) {
        for (int i = 0; i < seconds && !done.getAsBoolean(); i++) {
            passes.reconcile(ORDERS);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(done.getAsBoolean()).as("done within %d simulated seconds", seconds).isTrue();
    }

    /** The fake's clusters, every call recorded, with {@code restoreDeleted} answering as told. */
    private final class Recording implements ClusterDeployer {

        final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile Either<PortFailure, io.vavr.collection.List<String>> answer = Either.right(io.vavr.collection.List.empty());

        @Override
        public Either<PortFailure, io.vavr.collection.List<String>> restoreDeleted(ResourceKey key) {
            calls.add("restore");
            return answer;
        }

        @Override
        public Either<PortFailure, io.vavr.control.Option<org.flinkop.domain.observe.PriorCluster>> priorCluster(ResourceKey key) {
            calls.add("prior");
            return flink.priorCluster(key);
        }

        @Override
        public Either<PortFailure, Done> deploy(ResourceKey key, ClusterOwner owner, FlinkDeploymentSpec spec, StateLocation restoreFrom, String jobId) {
            calls.add("deploy neverDeployed=" + owner.neverDeployed() + " uid=" + (owner.uid() != null));
            return flink.deploy(key, owner, spec, restoreFrom, jobId);
        }

        @Override
        public Either<PortFailure, ClusterObservation> observe(ResourceKey key) {
            calls.add("observe");
            return flink.observe(key);
        }

        @Override
        public Either<PortFailure, ClusterObservation> observeRunning(ResourceKey key) {
            calls.add("observe");
            return flink.observeRunning(key);
        }

        @Override
        public Either<PortFailure, Done> delete(ResourceKey key, boolean deleteHaMetadata) {
            calls.add("delete");
            return flink.delete(key, deleteHaMetadata);
        }

        @Override
        public Either<PortFailure, Done> rescale(ResourceKey key, Integer taskManagers, Integer parallelism) {
            return flink.rescale(key, taskManagers, parallelism);
        }

        @Override
        public boolean keepsHaMetadata() {
            return flink.keepsHaMetadata();
        }
    }

    @Test
    void a_deployed_cluster_that_lost_a_part_is_made_whole_before_it_is_observed_and_the_user_is_told() {
        Recording restoring = new Recording();
        Reconciler passes = through(restoring);
        apply(application("savepoint", 2));
        passes.reconcile(ORDERS);
        assertThat(restoring.calls).as("a first deployment has nothing to make whole").containsExactly("prior", "deploy neverDeployed=true uid=true");
        passUntil(passes, this::stable, 30);
        String job = orders().status().jobStatus().jobId();

        restoring.answer = Either.right(io.vavr.collection.List.of("Service orders-rest", "ConfigMap flink-config-orders"));
        restoring.calls.clear();
        passes.reconcile(ORDERS);

        assertThat(restoring.calls).startsWith("restore", "observe").noneMatch(call -> call.startsWith("deploy") || call.equals("delete"));
        assertThat(store.events(ORDERS).filter(e -> e.reason().name().equals("CLUSTER_OBJECTS_RESTORED")).map(e -> e.type().name() + ": " + e.message()))
                .containsExactly("WARNING: made again what was deleted while the cluster ran: Service orders-rest, ConfigMap flink-config-orders");
        assertThat(stable()).isTrue();
        assertThat(orders().status().jobStatus().jobId()).isEqualTo(job);

        restoring.answer = Either.left(PortFailure.of(PortFailure.Reason.FORBIDDEN, "services \"orders-rest\" is forbidden"));
        restoring.calls.clear();
        PassOutcome failed = passes.reconcile(ORDERS);
        assertThat(restoring.calls).as("nothing is decided on a cluster that could not be made whole").containsExactly("restore");
        assertThat(failed.toString()).contains("restoring the deleted objects of the cluster of", "forbidden");

        restoring.answer = Either.right(io.vavr.collection.List.empty());
        store.delete(ORDERS);
        restoring.calls.clear();
        passes.reconcile(ORDERS);
        assertThat(restoring.calls).as("a deleted resource's cluster is taken down, not made whole").doesNotContain("restore").contains("delete");
    }

    @Test
    void a_running_application_whose_status_was_lost_is_adopted_with_its_job_not_deployed_again() {
        Recording recording = new Recording();
        Reconciler passes = through(recording);
        apply(application("savepoint", 2));
        passUntil(passes, this::stable, 30);
        String job = orders().status().jobStatus().jobId();
        long progress = flink.progressOf(ORDERS, job);

        store.writeStatus(orders().withStatus(null));
        apply(application("savepoint", 4));
        recording.calls.clear();
        passUntil(passes, () -> stable() && orders().status().reconciliationStatus().lastReconciledSpec().job().parallelism() == 4, 60);

        assertThat(store.events(ORDERS).filter(e -> e.reason().name().equals("STATUS_REBUILT")).map(e -> e.type().name()))
                .containsExactly("WARNING");
        assertThat(recording.calls.get(0)).isEqualTo("prior");
        assertThat(recording.calls.subList(1, recording.calls.size())).as("the lost status is rebuilt, then the job is observed before anything changes")
                .startsWith("restore", "observe");
        FakeFlink.Restore restore = flink.restores().last();
        assertThat(restore.fromPath()).as("the spec changed while the status was lost: a savepoint upgrade, from the adopted job").contains("savepoint");
        assertThat(restore.progress()).isGreaterThanOrEqualTo(progress);
        assertThat(orders().status().jobStatus().jobId()).isNotEqualTo(job);
    }

    @Test
    void a_cluster_deployed_for_an_earlier_resource_of_the_same_name_is_not_taken_over() {
        apply(application("savepoint", 2));
        runUntil(this::stable);
        String job = orders().status().jobStatus().jobId();
        FlinkDeployment before = orders();
        // the resource is gone without its cleanup (its finalizer removed by hand), and made again: a new uid, no status
        store.removeFinalizer(ORDERS, Reconciler.FINALIZER);
        store.delete(ORDERS);
        apply(application("savepoint", 2));
        assertThat(orders().metadata().uid()).isNotEqualTo(before.metadata().uid());

        reconciler.reconcile(ORDERS);

        assertThat(flink.runningJobs(ORDERS).map(running -> running.jobId())).as("the earlier resource's job runs on, untouched").containsExactly(job);
        assertThat(orders().status().error()).contains("metadata.name", "earlier FlinkDeployment", before.metadata().uid());
        assertThat(store.events(ORDERS).filter(e -> e.reason().name().equals("CLUSTER_NOT_ADOPTED"))).hasSize(1);

        flink.delete(ORDERS, true);
        reconciler.reconcile(ORDERS);
        assertThat(orders().status().reconciliationStatus().lastReconciledSpec()).as("deployed once the earlier cluster is gone").isNotNull();
        assertThat(orders().status().error()).as("the error about the earlier cluster goes with it").isNull();
    }

    @Test
    void a_savepoint_upgrade_carries_the_jobs_progress_into_the_new_job() {
        apply(application("savepoint", 2));
        runUntil(this::stable);
        clock.advance(Duration.ofSeconds(30));
        String oldJob = orders().status().jobStatus().jobId();
        long progressBefore = flink.progressOf(ORDERS, oldJob);

        apply(application("savepoint", 4));
        runUntil(() -> stable() && !orders().status().jobStatus().jobId().equals(oldJob));

        FakeFlink.Restore restore = flink.restores().last();
        assertThat(restore.fromPath()).contains("savepoint");
        assertThat(restore.progress()).isGreaterThanOrEqualTo(progressBefore);
        assertThat(orders().status().jobStatus().upgradeSavepointPath()).isEqualTo(restore.fromPath());
    }

    @Test
    void nothing_is_decided_while_flink_does_not_answer() {
        apply(application("savepoint", 2));
        runUntil(this::stable);
        apply(application("savepoint", 4));
        flink.unreachable(ORDERS);
        var before = orders();

        PassOutcome outcome = reconciler.reconcile(ORDERS);

        assertThat(outcome.isFailure()).isTrue();
        assertThat(outcome.failure().get().reason()).isEqualTo(PortFailure.Reason.TIMEOUT);
        assertThat(orders().status()).isEqualTo(before.status());
        assertThat(flink.runningJobs(ORDERS)).hasSize(1);
    }

    @Test
    void a_status_write_conflict_fails_the_pass_and_the_next_pass_goes_on() {
        apply(application("stateless", 2));
        store.conflictOnNextStatusWrite(ORDERS);

        assertThat(reconciler.reconcile(ORDERS).failure().get().reason()).isEqualTo(PortFailure.Reason.CONFLICT);
        assertThat(flink.clusterExists(ORDERS)).as("nothing acted on after a failed write").isFalse();

        runUntil(this::stable);
    }

    @Test
    void a_failed_action_leaves_the_status_saying_what_was_attempted_and_why() {
        apply(sessionCluster());
        ResourceKey cluster = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "streaming", "session");
        runUntil(() -> lifecycle(cluster) == ResourceLifecycleState.STABLE);
        artifactsRefuse = true;
        apply(sessionJob());
        ResourceKey job = new ResourceKey(ResourceKind.FLINK_SESSION_JOB, "streaming", "clicks");

        reconciler.reconcile(job);
        PassOutcome outcome = reconciler.reconcile(job);

        assertThat(outcome.failure().get().reason()).isEqualTo(PortFailure.Reason.FORBIDDEN);
        assertThat(((FlinkSessionJob) store.get(job).get()).status().error()).isEqualTo("submit job failed: FORBIDDEN: address repo.example.org is not allowed");

        artifactsRefuse = false;
        runUntil(() -> lifecycle(job) == ResourceLifecycleState.STABLE);
        assertThat(flink.runningJobs(cluster)).hasSize(1);
    }

    @Test
    void a_savepoint_snapshot_completes_with_the_path_flink_wrote() {
        apply(application("savepoint", 2));
        runUntil(this::stable);
        Map<String, Object> snapshot = new LinkedHashMap<>(Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkStateSnapshot",
                "metadata", Map.of("name", "orders-manual", "namespace", "streaming"),
                "spec", Map.of("jobReference", Map.of("kind", "FlinkDeployment", "name", "orders"), "savepoint", Map.of("disposeOnDelete", true))));
        apply(snapshot);
        ResourceKey key = new ResourceKey(ResourceKind.FLINK_STATE_SNAPSHOT, "streaming", "orders-manual");

        runUntil(() -> store.get(key).get().status() != null && ((FlinkStateSnapshot) store.get(key).get()).status().state() == SnapshotState.COMPLETED);
        String path = ((FlinkStateSnapshot) store.get(key).get()).status().path();
        assertThat(path).contains("savepoint");

        store.delete(key);
        runUntil(() -> store.get(key).isEmpty());
        assertThat(flink.disposedSavepoints()).containsExactly(path);
    }

    @Test
    void deleting_an_application_removes_its_cluster_then_the_resource() {
        apply(application("last-state", 2));
        runUntil(this::stable);

        store.delete(ORDERS);
        runUntil(() -> store.get(ORDERS).isEmpty());

        assertThat(flink.clusterExists(ORDERS)).isFalse();
        assertThat(flink.observe(ORDERS).get().haMetadataPresent()).isFalse();
    }

    private static Map<String, Object> sessionCluster() {
        return Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkDeployment", "metadata", Map.of("name", "session", "namespace", "streaming"),
                "spec", Map.of("flinkVersion", "v1_20", "jobManager", Map.of("resource", Map.of("memory", "1g", "cpu", 1)),
                        "taskManager", Map.of("resource", Map.of("memory", "1g", "cpu", 1))));
    }

    private static Map<String, Object> sessionJob() {
        return Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkSessionJob", "metadata", Map.of("name", "clicks", "namespace", "streaming"),
                "spec", Map.of("deploymentName", "session", "job", Map.of("jarURI", "https://repo.example.org/clicks.jar", "parallelism", 1)));
    }
}
