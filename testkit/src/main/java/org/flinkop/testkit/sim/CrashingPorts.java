package org.flinkop.testkit.sim;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.URI;
import java.util.function.Supplier;
import org.flinkop.domain.observe.CompletedCheckpoint;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.resource.SnapshotFormatType;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.flinkop.ports.cluster.ClusterObservation;
import org.flinkop.ports.cluster.ClusterOwner;
import org.flinkop.ports.flink.FlinkJobClient;
import org.flinkop.ports.flink.JobDetails;
import org.flinkop.ports.flink.SubmitRequest;
import org.flinkop.ports.store.RecordedEvent;
import org.flinkop.ports.store.ResourceStore;

/** The operator's view of the ports in a simulation: every effectful call counts towards the armed crash. */
final class CrashingPorts {

    private CrashingPorts() {
    }

    private static <T> T counted(CrashSwitch crash, String call, Supplier<T> effect) {
        T result = effect.get();
        crash.tick(call);
        return result;
    }

    static ResourceStore store(ResourceStore store, CrashSwitch crash) {
        return new ResourceStore() {
            @Override
            public Option<FlinkResource> get(ResourceKey key) {
                return store.get(key);
            }

            @Override
            public List<FlinkResource> list(ResourceKind kind) {
                return store.list(kind);
            }

            @Override
            public Either<PortFailure, FlinkResource> apply(FlinkResource resource) {
                return counted(crash, "apply " + ResourceKey.of(resource), () -> store.apply(resource));
            }

            @Override
            public Either<PortFailure, FlinkResource> writeStatus(FlinkResource resource) {
                return counted(crash, "write status of " + ResourceKey.of(resource), () -> store.writeStatus(resource));
            }

            @Override
            public Either<PortFailure, FlinkResource> addFinalizer(ResourceKey key, String finalizer) {
                return counted(crash, "add finalizer to " + key, () -> store.addFinalizer(key, finalizer));
            }

            @Override
            public Either<PortFailure, Option<FlinkResource>> removeFinalizer(ResourceKey key, String finalizer) {
                return counted(crash, "remove finalizer from " + key, () -> store.removeFinalizer(key, finalizer));
            }

            @Override
            public Either<PortFailure, Done> delete(ResourceKey key) {
                return counted(crash, "delete " + key, () -> store.delete(key));
            }

            @Override
            public void recordEvent(ResourceKey key, RecordedEvent event) {
                store.recordEvent(key, event);
            }

            @Override
            public AutoCloseable watch(ChangeListener listener) {
                return store.watch(listener);
            }
        };
    }

    static ClusterDeployer deployer(ClusterDeployer deployer, CrashSwitch crash) {
        return new ClusterDeployer() {
            @Override
            public Either<PortFailure, Done> deploy(ResourceKey key, ClusterOwner owner, FlinkDeploymentSpec spec, StateLocation restoreFrom, String jobId) {
                return counted(crash, "deploy " + key, () -> deployer.deploy(key, owner, spec, restoreFrom, jobId));
            }

            @Override
            public Either<PortFailure, ClusterObservation> observe(ResourceKey key) {
                return deployer.observe(key);
            }

            @Override
            public Either<PortFailure, Done> delete(ResourceKey key, boolean deleteHaMetadata) {
                return counted(crash, "delete cluster " + key, () -> deployer.delete(key, deleteHaMetadata));
            }

            @Override
            public Either<PortFailure, Done> deleteWithoutWaiting(ResourceKey key) {
                return counted(crash, "delete cluster " + key, () -> deployer.deleteWithoutWaiting(key));
            }

            @Override
            public Either<PortFailure, Done> rescale(ResourceKey key, Integer taskManagers, Integer parallelism) {
                return counted(crash, "rescale " + key, () -> deployer.rescale(key, taskManagers, parallelism));
            }

            @Override
            public boolean keepsHaMetadata() {
                return deployer.keepsHaMetadata();
            }
        };
    }

    static FlinkJobClient flink(FlinkJobClient flink, CrashSwitch crash) {
        return new FlinkJobClient() {
            @Override
            public Either<PortFailure, Option<JobDetails>> job(URI cluster, String jobId) {
                return flink.job(cluster, jobId);
            }

            @Override
            public Either<PortFailure, List<JobDetails>> jobs(URI cluster) {
                return flink.jobs(cluster);
            }

            @Override
            public Either<PortFailure, Done> submit(URI cluster, SubmitRequest request) {
                return counted(crash, "submit " + request.jobId(), () -> flink.submit(cluster, request));
            }

            @Override
            public Either<PortFailure, Done> cancel(URI cluster, String jobId) {
                return counted(crash, "cancel " + jobId, () -> flink.cancel(cluster, jobId));
            }

            @Override
            public Either<PortFailure, Done> stopWithSavepoint(URI cluster, String jobId, String triggerId, boolean drain, Option<String> directory) {
                return counted(crash, "stop with savepoint " + jobId, () -> flink.stopWithSavepoint(cluster, jobId, triggerId, drain, directory));
            }

            @Override
            public Either<PortFailure, Done> triggerSavepoint(URI cluster, String jobId, String triggerId, Option<String> directory, SnapshotFormatType formatType) {
                return counted(crash, "trigger savepoint " + jobId, () -> flink.triggerSavepoint(cluster, jobId, triggerId, directory, formatType));
            }

            @Override
            public Either<PortFailure, Done> triggerCheckpoint(URI cluster, String jobId, String triggerId) {
                return counted(crash, "trigger checkpoint " + jobId, () -> flink.triggerCheckpoint(cluster, jobId, triggerId));
            }

            @Override
            public Either<PortFailure, TriggerResult> savepointResult(URI cluster, String jobId, String triggerId) {
                return flink.savepointResult(cluster, jobId, triggerId);
            }

            @Override
            public Either<PortFailure, TriggerResult> checkpointResult(URI cluster, String jobId, String triggerId) {
                return flink.checkpointResult(cluster, jobId, triggerId);
            }

            @Override
            public Either<PortFailure, Option<CompletedCheckpoint>> latestCheckpoint(URI cluster, String jobId) {
                return flink.latestCheckpoint(cluster, jobId);
            }

            @Override
            public Either<PortFailure, Done> disposeSavepoint(URI cluster, String path) {
                return counted(crash, "dispose " + path, () -> flink.disposeSavepoint(cluster, path));
            }

            @Override
            public Either<PortFailure, List<String>> exceptions(URI cluster, String jobId) {
                return flink.exceptions(cluster, jobId);
            }
        };
    }
}
