package org.flinkop.ports.reconcile;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.URI;
import java.util.Objects;
import org.flinkop.domain.decision.Action;
import org.flinkop.domain.decision.Decision;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.FlinkStateSnapshot;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.cluster.ClusterOwner;
import org.flinkop.ports.flink.SubmitRequest;
import org.flinkop.ports.store.RecordedEvent;

/** Records a decision's status, then carries out its actions in order through the ports. */
final class Execution {

    private Execution() {
    }

    /**
     * @param before   the resource as read at the start of the pass (its resourceVersion guards the write)
     * @param toRecord the same resource with the decided status
     * @param endpoint the REST endpoint of the cluster the actions talk to, when it runs
     */
    static PassOutcome recordThenAct(Reconciler.Ports ports, FlinkResource before, FlinkResource toRecord, Decision<?> decision, Option<URI> endpoint) {
        ResourceKey key = ResourceKey.of(before);
        FlinkResource recorded = before;
        // the uid the API server answered a write of this pass with; one read from a cache may be a predecessor's
        String confirmedUid = null;
        boolean neverDeployed = before instanceof FlinkDeployment deployment && DeploymentPass.neverDeployed(deployment);
        // a resource let go now vanishes with its status: writing that status first would only cost a write
        boolean released = decision.actions().exists(Action.ReleaseResource.class::isInstance);
        if (!released && !Objects.equals(before.status(), toRecord.status())) {
            Either<PortFailure, FlinkResource> written = ports.store().writeStatus(toRecord);
            if (written.isLeft()) {
                // a conflict means someone wrote in between: the next pass reads again and decides again
                return PassOutcome.failed("recording the status of " + key, written.getLeft());
            }
            recorded = written.get();
            confirmedUid = recorded.metadata().uid();
        }
        for (Action action : decision.actions()) {
            Either<PortFailure, Done> done = execute(ports, key, new ClusterOwner(confirmedUid, neverDeployed), action, endpoint);
            if (done.isLeft()) {
                String step = describe(action);
                recordFailure(ports, key, step, done.getLeft());
                return PassOutcome.failed(step + " for " + key, done.getLeft());
            }
        }
        return PassOutcome.lookAgain(decision.lookAgainAfter());
    }

    private static Either<PortFailure, Done> execute(Reconciler.Ports ports, ResourceKey key, ClusterOwner owner, Action action, Option<URI> endpoint) {
        if (action instanceof Action.RecordEvent event) {
            ports.store().recordEvent(key, new RecordedEvent(ports.clock().instant(), event.reason(), event.type(), event.message()));
            return Either.right(Done.DONE);
        }
        if (action instanceof Action.DeployCluster deploy) {
            return ports.deployer().deploy(key, owner, deploy.spec(), deploy.restoreFrom(), deploy.jobId());
        }
        if (action instanceof Action.DeleteCluster delete) {
            return delete.deleteHaMetadata() && delete.evenWhileStopping() ? ports.deployer().deleteWithoutWaiting(key)
                    : ports.deployer().delete(key, delete.deleteHaMetadata());
        }
        if (action instanceof Action.Rescale rescale) {
            return ports.deployer().rescale(key, rescale.taskManagerReplicas(), rescale.parallelism());
        }
        if (action instanceof Action.CreateSnapshot create) {
            return ports.store().apply(create.snapshot()).map(r -> Done.DONE);
        }
        if (action instanceof Action.DeleteSnapshot delete) {
            Either<PortFailure, Done> deleted = ports.store().delete(new ResourceKey(ResourceKind.FLINK_STATE_SNAPSHOT, delete.namespace(), delete.name()));
            return deleted.isLeft() && deleted.getLeft().reason() == PortFailure.Reason.NOT_FOUND ? Either.right(Done.DONE) : deleted;
        }
        if (action instanceof Action.ReleaseResource) {
            return ports.store().removeFinalizer(key, Reconciler.FINALIZER).map(r -> Done.DONE);
        }
        if (endpoint.isEmpty()) {
            return Either.left(PortFailure.of(PortFailure.Reason.UNAVAILABLE, "no JobManager runs to " + describe(action)));
        }
        URI cluster = endpoint.get();
        if (action instanceof Action.StopJobWithSavepoint stop) {
            return ports.flink().stopWithSavepoint(cluster, stop.jobId(), stop.triggerId(), stop.drain(), Option.none());
        }
        if (action instanceof Action.CancelJob cancel) {
            return ports.flink().cancel(cluster, cancel.jobId());
        }
        if (action instanceof Action.TriggerSavepoint trigger) {
            return ports.flink().triggerSavepoint(cluster, trigger.jobId(), trigger.triggerId(), Option.of(trigger.directory()), trigger.formatType());
        }
        if (action instanceof Action.TriggerCheckpoint trigger) {
            return ports.flink().triggerCheckpoint(cluster, trigger.jobId(), trigger.triggerId());
        }
        if (action instanceof Action.DisposeSavepoint dispose) {
            return ports.flink().disposeSavepoint(cluster, dispose.path());
        }
        Action.SubmitJob submit = (Action.SubmitJob) action;
        return ports.artifacts().fetch(URI.create(submit.spec().job().jarURI().trim())).flatMap(jar -> ports.flink().submit(cluster,
                new SubmitRequest(submit.jobId(), jar, submit.spec().job().entryClass(), submit.spec().job().args(), submit.spec().job().parallelism(),
                        submit.restoreFrom(), submit.spec().job().effectiveAllowNonRestoredState())));
    }

    /** Leaves the status saying what was attempted and why it failed; best effort (a conflict is left to the next pass). */
    private static void recordFailure(Reconciler.Ports ports, ResourceKey key, String step, PortFailure failure) {
        ports.store().get(key).forEach(current -> {
            String error = step + " failed: " + failure;
            FlinkResource withError = current instanceof FlinkDeployment d && d.status() != null ? d.withStatus(d.status().withError(error))
                    : current instanceof FlinkSessionJob j && j.status() != null ? j.withStatus(j.status().withError(error))
                    : current instanceof FlinkStateSnapshot s && s.status() != null ? s.withStatus(s.status().withError(error))
                    : null;
            if (withError != null) {
                ports.store().writeStatus(withError);
            }
        });
    }

    static String describe(Action action) {
        return action.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }
}
