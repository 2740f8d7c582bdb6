package org.flinkop.ports.reconcile;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.URI;
import org.flinkop.domain.decision.Decision;
import org.flinkop.domain.observe.Observed;
import org.flinkop.domain.reconcile.SessionJobDecider;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.FlinkSessionJobStatus;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.cluster.ClusterObservation;

/** One pass for a FlinkSessionJob: observe its session cluster and its job, decide, record, act. */
final class SessionJobPass {

    private final Reconciler.Ports ports;

    SessionJobPass(Reconciler.Ports ports) {
        this.ports = ports;
    }

    PassOutcome run(FlinkSessionJob job) {
        Either<PortFailure, DeploymentPass.Decided> decided = decide(job);
        if (decided.isLeft()) {
            return PassOutcome.failed("observing " + ResourceKey.of(job), decided.getLeft());
        }
        Decision<?> decision = decided.get().decision();
        return Execution.recordThenAct(ports, job, job.withStatus((FlinkSessionJobStatus) decision.statusToRecord()), decision, decided.get().endpoint());
    }

    /** Observes and decides, acting on nothing. */
    Either<PortFailure, DeploymentPass.Decided> decide(FlinkSessionJob job) {
        ResourceKey key = ResourceKey.of(job);
        String clusterName = job.spec() == null ? null : job.spec().deploymentName();
        if (clusterName == null) {
            return Either.left(PortFailure.of(PortFailure.Reason.REJECTED, "spec.deploymentName of " + key + " is not set"));
        }
        Either<PortFailure, ClusterObservation> cluster = ports.deployer().observeRunning(new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, key.namespace(), clusterName));
        if (cluster.isLeft()) {
            return Either.left(cluster.getLeft());
        }
        ClusterObservation c = cluster.get();
        Option<URI> endpoint = c.restEndpoint();
        Observed world = new Observed(c.jobManager(), Option.none(), false, false, Option.none(), Option.none(), Option.none());
        if (endpoint.isDefined()) {
            Either<PortFailure, DeploymentPass.JobObservation> observed = DeploymentPass.JobObservation.of(ports, endpoint.get(),
                    job.status() == null ? List.empty() : DeploymentPass.knownJobIds(job.status().reconciliationStatus(), job.status().jobStatus()),
                    job.status() == null ? Option.none() : DeploymentPass.pendingTrigger(job.status().reconciliationStatus()), false);
            if (observed.isLeft()) {
                return Either.left(observed.getLeft());
            }
            var o = observed.get();
            world = new Observed(c.jobManager(), o.job(), false, false, o.latestCheckpoint(), o.trigger(), o.restarts());
        }
        return Either.right(new DeploymentPass.Decided(SessionJobDecider.decide(job, world, ports.clock().instant(), ports.settings()), endpoint,
                Option.of(world)));
    }
}
