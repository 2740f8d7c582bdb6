package org.flinkop.ports.api;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.function.Consumer;
import org.flinkop.domain.decision.Action;
import org.flinkop.domain.decision.Decision;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.FlinkStateSnapshot;
import org.flinkop.domain.resource.ObjectMeta;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.validation.Violation;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.admission.AdmissionService;
import org.flinkop.ports.reconcile.Reconciler;
import org.flinkop.ports.store.ResourceStore;

/**
 * What runtimes and embedders call: apply, get, list, delete, plan and watch resources. Documents are admitted
 * (read and validated against what is stored) before anything is stored; a refused document changes nothing.
 * Thread-safe as its store is.
 */
public final class OperatorApi {

    /** Why a request was refused: the document is invalid (every violation), or a port failed. */
    public sealed interface Refusal {

        record Invalid(List<Violation> violations) implements Refusal {
        }

        record Failed(PortFailure failure) implements Refusal {
        }
    }

    /**
     * What applying a document would do: the resource as it would be stored, whether applying creates it, the
     * decision a pass would take for it now against the world as observed, and the forecast of every step the change
     * takes if each succeeds.
     */
    public record Plan(FlinkResource proposed, boolean creates, Decision<?> decision, List<Action> forecast) {

        /**
         * Creating the resource when it is new, then the actions that would change the world, in order, through every
         * pass of the change, as one line each.
         */
        public List<String> steps() {
            List<String> steps = forecast.map(OperatorApi::describe);
            return creates ? steps.prepend("create the " + proposed.kind().spelling()) : steps;
        }
    }

    private final ResourceStore store;
    private final Reconciler reconciler;
    private final AdmissionService admission;

    public OperatorApi(ResourceStore store, Reconciler reconciler, boolean plainHttpJarsAllowed) {
        this.store = store;
        this.reconciler = reconciler;
        this.admission = new AdmissionService(store, plainHttpJarsAllowed);
    }

    /** Admits the document and creates or updates the resource's spec. */
    public Either<Refusal, FlinkResource> apply(Object document) {
        Either<List<Violation>, FlinkResource> admitted = admission.admit(document);
        if (admitted.isLeft()) {
            return Either.left(new Refusal.Invalid(admitted.getLeft()));
        }
        return store.apply(admitted.get()).mapLeft(Refusal.Failed::new);
    }

    public Option<FlinkResource> get(ResourceKey key) {
        return store.get(key);
    }

    public List<FlinkResource> list(ResourceKind kind) {
        return store.list(kind);
    }

    /** Asks for deletion; the operator cleans up (removes clusters, disposes of savepoints when asked) before the resource goes. */
    public Either<Refusal, Done> delete(ResourceKey key) {
        return store.delete(key).mapLeft(Refusal.Failed::new);
    }

    /** What applying the document would do, step by step, without storing or doing anything. */
    public Either<Refusal, Plan> plan(Object document) {
        Either<List<Violation>, FlinkResource> admitted = admission.admit(document);
        if (admitted.isLeft()) {
            return Either.left(new Refusal.Invalid(admitted.getLeft()));
        }
        Option<FlinkResource> live = store.get(ResourceKey.of(admitted.get()));
        FlinkResource proposed = asStored(admitted.get(), live);
        return reconciler.plan(proposed).flatMap(decision -> reconciler.forecast(proposed).map(steps -> new Plan(proposed, live.isEmpty(), decision, steps)))
                .mapLeft(Refusal.Failed::new);
    }

    /** Calls {@code listener} with the resource each time it changes (status included), until the handle is closed. */
    public AutoCloseable watch(ResourceKey key, Consumer<FlinkResource> listener) {
        return store.watch(changed -> {
            if (changed.equals(key)) {
                store.get(key).forEach(listener);
            }
        });
    }

    /** The candidate as the store would hold it: the live metadata and status, a new generation if the spec changed. */
    private static FlinkResource asStored(FlinkResource candidate, Option<FlinkResource> live) {
        if (live.isEmpty()) {
            return candidate;
        }
        ObjectMeta m = live.get().metadata();
        boolean changed = !Objects.equals(live.get().spec(), candidate.spec());
        ObjectMeta meta = new ObjectMeta(m.name(), m.namespace(), m.uid(), m.resourceVersion(), m.generation() == null ? null : m.generation() + (changed ? 1 : 0),
                m.creationTimestamp(), m.deletionTimestamp(), candidate.metadata().labels(), candidate.metadata().annotations(), m.finalizers());
        if (candidate instanceof FlinkDeployment d) {
            return new FlinkDeployment(meta, d.spec(), ((FlinkDeployment) live.get()).status());
        }
        if (candidate instanceof FlinkSessionJob j) {
            return new FlinkSessionJob(meta, j.spec(), ((FlinkSessionJob) live.get()).status());
        }
        FlinkStateSnapshot s = (FlinkStateSnapshot) candidate;
        return new FlinkStateSnapshot(meta, s.spec(), ((FlinkStateSnapshot) live.get()).status());
    }

    static String describe(Action action) {
        if (action instanceof Action.StopJobWithSavepoint stop) {
            return "stop job " + stop.jobId() + " with a savepoint";
        }
        if (action instanceof Action.CancelJob cancel) {
            return "cancel job " + cancel.jobId() + " (its latest checkpoint is recorded)";
        }
        if (action instanceof Action.DeleteCluster delete) {
            return "remove the cluster" + (!delete.deleteHaMetadata() ? ", keeping its HA metadata"
                    : delete.evenWhileStopping() ? " and its HA metadata, not waiting for a JobManager that does not stop" : " and its HA metadata");
        }
        if (action instanceof Action.DeployCluster deploy) {
            String job = deploy.spec().job() == null ? "" : " with parallelism " + deploy.spec().job().parallelism();
            return "deploy the cluster" + job + restoring(deploy.restoreFrom());
        }
        if (action instanceof Action.SubmitJob submit) {
            return "submit the job with parallelism " + submit.spec().job().parallelism() + restoring(submit.restoreFrom());
        }
        if (action instanceof Action.Rescale rescale) {
            return "rescale in place to " + rescale.taskManagerReplicas() + " TaskManagers, parallelism " + rescale.parallelism();
        }
        if (action instanceof Action.CreateSnapshot create) {
            return "create FlinkStateSnapshot " + create.snapshot().metadata().name();
        }
        return action.getClass().getSimpleName();
    }

    private static String restoring(org.flinkop.domain.resource.StateLocation restore) {
        return switch (restore.kind()) {
            case NONE -> ", starting empty";
            case SAVEPOINT -> org.flinkop.domain.reconcile.Forecast.NEW_SAVEPOINT.equals(restore.path())
                    ? ", restoring from that savepoint"
                    : ", restoring from savepoint " + restore.path();
            case CHECKPOINT -> ", restoring from checkpoint " + restore.path();
            case HA_METADATA -> ", restoring from the checkpoint in HA metadata";
            case PENDING_SAVEPOINT -> ", restoring from the savepoint being written";
        };
    }
}
