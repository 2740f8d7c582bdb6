package org.flinkop.ports.reconcile;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.URI;
import java.util.Map;
import org.flinkop.domain.config.FlinkOptions;
import org.flinkop.domain.decision.Decision;
import org.flinkop.domain.observe.ObservedJob;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.FlinkStateSnapshot;
import org.flinkop.domain.resource.FlinkStateSnapshotStatus;
import org.flinkop.domain.resource.JobKind;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.snapshot.SnapshotContext;
import org.flinkop.domain.snapshot.SnapshotDecider;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.cluster.ClusterObservation;
import org.flinkop.ports.flink.JobDetails;

/** One pass for a FlinkStateSnapshot: observe the job it is of, decide, record, act. */
final class SnapshotPass {

    private final Reconciler.Ports ports;

    SnapshotPass(Reconciler.Ports ports) {
        this.ports = ports;
    }

    PassOutcome run(FlinkStateSnapshot snapshot) {
        Either<PortFailure, DeploymentPass.Decided> decided = decide(snapshot);
        if (decided.isLeft()) {
            return PassOutcome.failed("observing the job of " + ResourceKey.of(snapshot), decided.getLeft());
        }
        Decision<?> decision = decided.get().decision();
        return Execution.recordThenAct(ports, snapshot, snapshot.withStatus((FlinkStateSnapshotStatus) decision.statusToRecord()), decision,
                decided.get().endpoint());
    }

    /** Observes and decides, acting on nothing. */
    Either<PortFailure, DeploymentPass.Decided> decide(FlinkStateSnapshot snapshot) {
        ResourceKey key = ResourceKey.of(snapshot);
        Option<FlinkResource> owner = Option.of(snapshot.spec()).flatMap(s -> Option.of(s.jobReference()))
                .filter(ref -> ref.kind() != null && ref.name() != null)
                .flatMap(ref -> ports.store().get(new ResourceKey(ref.kind() == JobKind.FLINK_DEPLOYMENT ? ResourceKind.FLINK_DEPLOYMENT
                        : ResourceKind.FLINK_SESSION_JOB, key.namespace(), ref.name())));
        Option<String> jobId = owner.flatMap(SnapshotPass::jobId);
        Option<ResourceKey> clusterKey = owner.flatMap(SnapshotPass::clusterOf);
        Option<URI> endpoint = Option.none();
        Option<ObservedJob> job = Option.none();
        Option<TriggerResult> trigger = Option.none();
        if (clusterKey.isDefined()) {
            Either<PortFailure, ClusterObservation> cluster = ports.deployer().observeRunning(clusterKey.get());
            if (cluster.isLeft()) {
                return Either.left(cluster.getLeft());
            }
            endpoint = cluster.get().restEndpoint();
        }
        if (endpoint.isDefined() && jobId.isDefined()) {
            Either<PortFailure, Option<JobDetails>> details = ports.flink().job(endpoint.get(), jobId.get());
            if (details.isLeft()) {
                return Either.left(details.getLeft());
            }
            job = details.get().map(JobDetails::job);
            String triggerId = snapshot.status() == null ? null : snapshot.status().triggerId();
            if (triggerId != null && job.isDefined()) {
                Either<PortFailure, TriggerResult> result = snapshot.spec().savepoint() != null
                        ? ports.flink().savepointResult(endpoint.get(), jobId.get(), triggerId)
                        : ports.flink().checkpointResult(endpoint.get(), jobId.get(), triggerId);
                if (result.isLeft()) {
                    return Either.left(result.getLeft());
                }
                trigger = Option.of(result.get());
            }
        }
        Option<String> savepointDir = owner.flatMap(r -> FlinkOptions.first(configuration(r), FlinkOptions.SAVEPOINT_DIR));
        SnapshotContext context = new SnapshotContext(owner.isDefined(), job, trigger, savepointDir);
        return Either.right(new DeploymentPass.Decided(SnapshotDecider.decide(snapshot, context, ports.clock().instant(), ports.settings()), endpoint,
                Option.none()));
    }

    private static Option<String> jobId(FlinkResource owner) {
        var status = owner instanceof FlinkDeployment d ? Option.of(d.status()).flatMap(s -> Option.of(s.jobStatus()))
                : Option.of(((FlinkSessionJob) owner).status()).flatMap(s -> Option.of(s.jobStatus()));
        return status.flatMap(js -> Option.of(js.jobId()));
    }

    private static Option<ResourceKey> clusterOf(FlinkResource owner) {
        if (owner instanceof FlinkDeployment) {
            return Option.of(ResourceKey.of(owner));
        }
        FlinkSessionJob job = (FlinkSessionJob) owner;
        return Option.of(job.spec()).flatMap(s -> Option.of(s.deploymentName()))
                .map(name -> new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, owner.metadata().namespace(), name));
    }

    private static Map<String, String> configuration(FlinkResource owner) {
        if (owner instanceof FlinkDeployment d) {
            return d.spec() == null ? Map.of() : d.spec().configuration();
        }
        FlinkSessionJob job = (FlinkSessionJob) owner;
        return job.spec() == null ? Map.of() : job.spec().configuration();
    }
}
