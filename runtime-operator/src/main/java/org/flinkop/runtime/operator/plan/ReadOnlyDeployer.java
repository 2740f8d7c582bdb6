package org.flinkop.runtime.operator.plan;

import io.vavr.control.Either;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.flinkop.ports.cluster.ClusterObservation;
import org.flinkop.ports.cluster.ClusterOwner;

/**
 * The cluster deployer as a plan sees it: clusters are observed as the operator observes them, and nothing can be
 * deployed, deleted or rescaled, so a plan cannot change a cluster even by mistake.
 */
final class ReadOnlyDeployer implements ClusterDeployer {

    private final ClusterDeployer deployer;

    ReadOnlyDeployer(ClusterDeployer deployer) {
        this.deployer = deployer;
    }

    /** A plan makes nothing, not even what someone deleted: the operator's next pass does. */
    @Override
    public Either<PortFailure, io.vavr.collection.List<String>> restoreDeleted(ResourceKey key) {
        return Either.right(io.vavr.collection.List.empty());
    }

    @Override
    public Either<PortFailure, io.vavr.control.Option<org.flinkop.domain.observe.PriorCluster>> priorCluster(ResourceKey key) {
        return deployer.priorCluster(key);
    }

    @Override
    public Either<PortFailure, ClusterObservation> observe(ResourceKey key) {
        return deployer.observe(key);
    }

    @Override
    public Either<PortFailure, ClusterObservation> observeRunning(ResourceKey key) {
        return deployer.observeRunning(key);
    }

    @Override
    public Either<PortFailure, Done> deploy(ResourceKey key, ClusterOwner owner, FlinkDeploymentSpec spec, StateLocation restoreFrom, String jobId) {
        return refused();
    }

    @Override
    public Either<PortFailure, Done> delete(ResourceKey key, boolean deleteHaMetadata) {
        return refused();
    }

    @Override
    public Either<PortFailure, Done> deleteWithoutWaiting(ResourceKey key) {
        return refused();
    }

    @Override
    public Either<PortFailure, Done> rescale(ResourceKey key, Integer taskManagers, Integer parallelism) {
        return refused();
    }

    @Override
    public boolean keepsHaMetadata() {
        return deployer.keepsHaMetadata();
    }

    @Override
    public boolean rescalesInPlace() {
        return deployer.rescalesInPlace();
    }

    static <T> Either<PortFailure, T> refused() {
        return Either.left(PortFailure.of(PortFailure.Reason.FORBIDDEN, "a plan changes nothing"));
    }
}
