package org.flinkop.runtime.operator;

import io.vavr.control.Either;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.flinkop.ports.cluster.ClusterObservation;
import org.flinkop.ports.cluster.ClusterOwner;
import org.flinkop.testkit.flink.FakeFlink;

/**
 * The real Kubernetes cluster deployer, with the testkit's {@link FakeFlink} standing in for the Flink processes
 * its pods would run.
 *
 * <p>Why: the test control plane has no scheduler and no kubelet, so the JobManager pods the real deployer
 * creates stay Pending and no JobManager ever answers on REST. Everything Kubernetes does stays real here (every
 * deploy, rescale and delete goes to the real deployer first, and the objects it writes are what the tests look
 * at); only what would happen inside the pods is faked: each deploy also starts a fake cluster in {@code FakeFlink}
 * under the same key, each delete and rescale reaches it too, and once the real JobManager Deployment exists,
 * {@code observe} reports the fake cluster's JobManager and REST endpoint, as a kubelet running Flink would make
 * the real ones. The operator talks to that endpoint through {@code FakeFlink} as its {@code FlinkJobClient}.
 * A JobManager Deployment that disappears takes its fake cluster with it, and a fake JobManager that starts is
 * reported through {@link #watch}, as the watch of a real one's Deployment would report it.
 *
 * <p>Tests can also run something once just before the next observation of a resource, that is in the middle of
 * a pass, after it read the resource and before it writes the status (to play a concurrent writer).
 */
final class FakeFlinkAwareDeployer implements ClusterDeployer {

    private final ClusterDeployer kubernetes;
    private final FakeFlink flink;
    private final Map<ResourceKey, Runnable> beforeNextObserve = new ConcurrentHashMap<>();
    private final Set<ResourceKey> deployed = ConcurrentHashMap.newKeySet();

    FakeFlinkAwareDeployer(ClusterDeployer kubernetes, FakeFlink flink) {
        this.kubernetes = kubernetes;
        this.flink = flink;
    }

    /** Runs {@code action} once, when a pass next observes {@code key}'s cluster. */
    void beforeNextObserve(ResourceKey key, Runnable action) {
        beforeNextObserve.put(key, action);
    }

    @Override
    public Either<PortFailure, Done> deploy(ResourceKey key, ClusterOwner owner, FlinkDeploymentSpec spec, StateLocation restoreFrom, String jobId) {
        deployed.add(key);
        return kubernetes.deploy(key, owner, spec, restoreFrom, jobId).flatMap(done -> flink.deploy(key, owner, spec, restoreFrom, jobId));
    }

    @Override
    public Either<PortFailure, ClusterObservation> observe(ResourceKey key) {
        Runnable hook = beforeNextObserve.remove(key);
        if (hook != null) {
            hook.run();
        }
        return kubernetes.observe(key).flatMap(real -> {
            if (real.jobManager() == JobManagerDeploymentStatus.MISSING) {
                flink.loseJobManager(key);
                return Either.right(real);
            }
            if (!flink.clusterExists(key)) {
                return Either.right(real);
            }
            return flink.observe(key).map(fake -> new ClusterObservation(fake.jobManager(), real.haMetadataPresent() || fake.haMetadataPresent(),
                    fake.restEndpoint(), fake.retainedCheckpoint(), fake.problem()));
        });
    }

    @Override
    public Either<PortFailure, io.vavr.control.Option<org.flinkop.domain.observe.PriorCluster>> priorCluster(ResourceKey key) {
        return kubernetes.priorCluster(key);
    }

    @Override
    public Either<PortFailure, io.vavr.collection.List<String>> restoreDeleted(ResourceKey key) {
        return kubernetes.restoreDeleted(key);
    }

    @Override
    public Either<PortFailure, Done> delete(ResourceKey key, boolean deleteHaMetadata) {
        return kubernetes.delete(key, deleteHaMetadata).flatMap(done -> flink.delete(key, deleteHaMetadata));
    }

    @Override
    public Either<PortFailure, Done> rescale(ResourceKey key, Integer taskManagers, Integer parallelism) {
        return kubernetes.rescale(key, taskManagers, parallelism).flatMap(done -> flink.rescale(key, taskManagers, parallelism));
    }

    @Override
    public boolean keepsHaMetadata() {
        return kubernetes.keepsHaMetadata();
    }

    @Override
    public boolean rescalesInPlace() {
        return kubernetes.rescalesInPlace();
    }

    /**
     * The real deployer's watch, and the fake clusters' JobManagers starting or going: a kubelet running Flink would
     * make the real JobManager Deployment ready, and the operator's watch of the Deployments would report it. Looked
     * at every 100 ms.
     */
    @Override
    public AutoCloseable watch(Consumer<ResourceKey> listener) {
        AutoCloseable real = kubernetes.watch(listener);
        Map<ResourceKey, JobManagerDeploymentStatus> seen = new ConcurrentHashMap<>();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fake-flink-watch");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(() -> {
            // a look that throws would end the polling
            for (ResourceKey key : deployed) {
                try {
                    reportChange(key, seen, listener);
                } catch (RuntimeException e) {
                    System.err.println("fake-flink-watch: " + key + ": " + e);
                }
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
        return () -> {
            poller.shutdownNow();
            real.close();
        };
    }

    /** Calls {@code listener} when {@code key}'s fake JobManager is seen in another state than at the last look (MISSING before the first). */
    private void reportChange(ResourceKey key, Map<ResourceKey, JobManagerDeploymentStatus> seen, Consumer<ResourceKey> listener) {
        JobManagerDeploymentStatus now = flink.clusterExists(key)
                ? flink.observe(key).map(ClusterObservation::jobManager).getOrElse(JobManagerDeploymentStatus.MISSING)
                : JobManagerDeploymentStatus.MISSING;
        JobManagerDeploymentStatus before = seen.put(key, now);
        if ((before == null ? JobManagerDeploymentStatus.MISSING : before) != now) {
            listener.accept(key);
        }
    }
}
