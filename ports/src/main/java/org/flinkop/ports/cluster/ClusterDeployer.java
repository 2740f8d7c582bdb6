package org.flinkop.ports.cluster;

import io.vavr.control.Either;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;

/**
 * Runs the Flink clusters of FlinkDeployments: as pods (native or standalone) in Kubernetes, as local processes
 * when embedded, in memory in the testkit. Safe from any thread; every call returns within the deployer's own
 * timeout (it starts work and returns, it does not wait for a cluster to become ready).
 */
public interface ClusterDeployer {

    /**
     * Deploys the cluster for {@code spec}; an application cluster runs its job under {@code jobId}, restoring
     * from {@code restoreFrom} ({@code HA_METADATA}: from the HA metadata that was kept). Idempotent: deploying
     * what already runs with the same spec and job id changes nothing. A deployer removes what an earlier spec made
     * that this one does not (an Ingress taken out of the spec), unless {@code owner} was never deployed.
     */
    Either<PortFailure, Done> deploy(ResourceKey key, ClusterOwner owner, FlinkDeploymentSpec spec, StateLocation restoreFrom, String jobId);

    /**
     * Makes again, as they were deployed, the objects of a deployed cluster that someone deleted while its
     * JobManager runs (its configuration, Services, TaskManagers), without restarting the JobManager, and names
     * what it made; empty when nothing was missing or the cluster is gone. A pass calls it before it observes, so
     * that a cluster that lost a part is made whole rather than taken down. A deployer whose clusters cannot lose a
     * part (local processes, the testkit's fake) makes nothing.
     */
    default Either<PortFailure, io.vavr.collection.List<String>> restoreDeleted(ResourceKey key) {
        return Either.right(io.vavr.collection.List.empty());
    }

    /**
     * The cluster that already stands where the cluster of {@code key} would be deployed, for a resource whose status
     * records no deployment: one deployed for it, with what it records it was deployed from, or one not to adopt; none
     * when nothing is there. A first deployment is decided only when there is none, so that a status that was lost
     * never replaces a running job with a new one. A deployer that keeps no record of what it deployed finds none.
     */
    default Either<PortFailure, io.vavr.control.Option<org.flinkop.domain.observe.PriorCluster>> priorCluster(ResourceKey key) {
        return Either.right(io.vavr.control.Option.none());
    }

    /** What runs now for {@code key}; a cluster that does not exist is {@code MISSING}, not a failure. */
    Either<PortFailure, ClusterObservation> observe(ResourceKey key);

    /**
     * What runs now for {@code key}, without looking for HA metadata: {@code haMetadataPresent} is false. For a caller
     * to whom the HA metadata cannot matter, where looking for it costs a request of its own.
     */
    default Either<PortFailure, ClusterObservation> observeRunning(ResourceKey key) {
        return observe(key).map(observed -> new ClusterObservation(observed.jobManager(), false, observed.restEndpoint(), observed.retainedCheckpoint(), observed.problem()));
    }

    /**
     * Removes the cluster, and its HA metadata when {@code deleteHaMetadata}. Idempotent. A deployer may keep the HA
     * metadata while a JobManager of the cluster is still stopping (it could write it again); the metadata then goes on
     * a later call.
     */
    Either<PortFailure, Done> delete(ResourceKey key, boolean deleteHaMetadata);

    /**
     * Removes the cluster and its HA metadata without waiting for JobManagers that are still stopping: for one that
     * never finishes. The same as {@code delete(key, true)} for a deployer whose HA metadata never waits for them.
     */
    default Either<PortFailure, Done> deleteWithoutWaiting(ResourceKey key) {
        return delete(key, true);
    }

    /** Changes the TaskManager count (standalone mode) and the job's parallelism in place; null leaves a value as is. */
    Either<PortFailure, Done> rescale(ResourceKey key, Integer taskManagers, Integer parallelism);

    /** Whether clusters deployed here keep Flink HA metadata a last-state upgrade can restore from. */
    boolean keepsHaMetadata();

    /**
     * Whether {@link #rescale} changes a running cluster in place. A deployer that cannot (local processes) has a
     * scale change applied as an upgrade instead.
     */
    default boolean rescalesInPlace() {
        return true;
    }

    /**
     * Calls {@code listener} with the key of a cluster that changed by itself (a process exited, a pod failed), so
     * that the change is looked at now rather than at the next periodic pass. The listener must not block. Close
     * the handle to stop. A deployer that cannot tell returns a handle that does nothing.
     */
    default AutoCloseable watch(java.util.function.Consumer<ResourceKey> listener) {
        return () -> { };
    }
}
