package org.flinkop.runtime.operator.leader;

import io.vavr.control.Either;
import java.util.function.Consumer;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.flinkop.ports.cluster.ClusterObservation;
import org.flinkop.ports.cluster.ClusterOwner;

/** The cluster deployer as the passes see it: observing always, deploying, deleting, rescaling and restoring deleted objects only while this operator leads. */
public final class LeaderOnlyDeployer implements ClusterDeployer {

    private final ClusterDeployer deployer;
    private final LeaderOnly gate;

    public LeaderOnlyDeployer(ClusterDeployer deployer, Leadership leadership) {
        this.deployer = deployer;
        this.gate = new LeaderOnly(leadership);
    }

    @Override
    public Either<PortFailure, Done> deploy(ResourceKey key, ClusterOwner owner, FlinkDeploymentSpec spec, StateLocation restoreFrom, String jobId) {
        return gate.call(() -> deployer.deploy(key, owner, spec, restoreFrom, jobId));
    }

    @Override
    public Either<PortFailure, io.vavr.collection.List<String>> restoreDeleted(ResourceKey key) {
        return gate.call(() -> deployer.restoreDeleted(key));
    }

    /** A read: answered on every replica, as {@link #observe} is. */
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
    public Either<PortFailure, Done> delete(ResourceKey key, boolean deleteHaMetadata) {
        return gate.call(() -> deployer.delete(key, deleteHaMetadata));
    }

    @Override
    public Either<PortFailure, Done> deleteWithoutWaiting(ResourceKey key) {
        return gate.call(() -> deployer.deleteWithoutWaiting(key));
    }

    @Override
    public Either<PortFailure, Done> rescale(ResourceKey key, Integer taskManagers, Integer parallelism) {
        return gate.call(() -> deployer.rescale(key, taskManagers, parallelism));
    }

    @Override
    public boolean keepsHaMetadata() {
        return deployer.keepsHaMetadata();
    }

    @Override
    public boolean rescalesInPlace() {
        return deployer.rescalesInPlace();
    }

    @Override
    public AutoCloseable watch(Consumer<ResourceKey> listener) {
        return deployer.watch(listener);
    }
}
