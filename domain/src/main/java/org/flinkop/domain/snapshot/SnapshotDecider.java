package org.flinkop.domain.snapshot;

import io.vavr.collection.List;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.flinkop.domain.observe.ObservedJob;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.decision.Action;
import org.flinkop.domain.decision.Action.EventType;
import org.flinkop.domain.decision.Decision;
import org.flinkop.domain.decision.EventReason;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.FlinkStateSnapshot;
import org.flinkop.domain.resource.FlinkStateSnapshotSpec;
import org.flinkop.domain.resource.FlinkStateSnapshotStatus;
import org.flinkop.domain.resource.SnapshotState;

/**
 * The life of a FlinkStateSnapshot: {@code TRIGGER_PENDING → IN_PROGRESS → COMPLETED}, or {@code FAILED} once
 * more than {@code backoffLimit} attempts failed (retried with exponential backoff), or {@code ABANDONED} when
 * the job is not running. A savepoint that {@code alreadyExists} is completed at once. On deletion, a completed
 * savepoint with {@code disposeOnDelete} is disposed of before the resource is let go. Pure.
 */
public final class SnapshotDecider {

    private SnapshotDecider() {
    }

    public static Decision<FlinkStateSnapshotStatus> decide(FlinkStateSnapshot snapshot, SnapshotContext context, Instant now, OperatorSettings settings) {
        FlinkStateSnapshotSpec spec = snapshot.spec();
        FlinkStateSnapshotStatus status = snapshot.status();
        if (snapshot.metadata().deletionTimestamp() != null) {
            return deleting(spec, status == null ? pending(snapshot, now, 0) : status);
        }
        if (status == null || status.state() == null) {
            if (spec.savepoint() != null && spec.savepoint().effectiveAlreadyExists()) {
                FlinkStateSnapshotStatus completed = new FlinkStateSnapshotStatus(SnapshotState.COMPLETED, null, now, now, spec.savepoint().path(), null, 0);
                return new Decision<>(completed, List.of(event(EventReason.SNAPSHOT_COMPLETED, EventType.NORMAL, "registered the existing savepoint " + spec.savepoint().path())),
                        settings.reconcileInterval());
            }
            return trigger(snapshot, pending(snapshot, now, 0), context, now, settings);
        }
        return switch (status.state()) {
            case TRIGGER_PENDING -> trigger(snapshot, status, context, now, settings);
            case IN_PROGRESS -> inProgress(snapshot, status, context, now, settings);
            case COMPLETED, FAILED, ABANDONED -> new Decision<>(status, List.empty(), settings.reconcileInterval());
        };
    }

    private static FlinkStateSnapshotStatus pending(FlinkStateSnapshot snapshot, Instant now, int failures) {
        return new FlinkStateSnapshotStatus(SnapshotState.TRIGGER_PENDING, triggerId(snapshot, failures), now, null, null, null, failures);
    }

    /** Send the trigger recorded in {@code status} (again, after a crash: the trigger id makes it idempotent). */
    private static Decision<FlinkStateSnapshotStatus> trigger(FlinkStateSnapshot snapshot, FlinkStateSnapshotStatus status, SnapshotContext context, Instant now,
            OperatorSettings settings) {
        if (status.triggerTimestamp() != null && now.isBefore(status.triggerTimestamp())) {
            // a retry waiting out its backoff
            return new Decision<>(status, List.empty(), Duration.between(now, status.triggerTimestamp()));
        }
        if (!context.jobResourceExists() || !context.job().exists(job -> job.state() == FlinkJobState.RUNNING)) {
            String why = context.jobResourceExists() ? "the job is not running" : "the referenced " + snapshot.spec().jobReference().kind() + " does not exist";
            return new Decision<>(withState(status, SnapshotState.ABANDONED, null, now, why),
                    List.of(event(EventReason.SNAPSHOT_ABANDONED, EventType.WARNING, "snapshot abandoned: " + why)), settings.reconcileInterval());
        }
        ObservedJob job = context.job().get();
        FlinkStateSnapshotSpec spec = snapshot.spec();
        Action send = spec.savepoint() != null
                ? new Action.TriggerSavepoint(job.jobId(), status.triggerId(),
                        spec.savepoint().path() != null ? spec.savepoint().path() : context.savepointDirectory().getOrNull(),
                        spec.savepoint().effectiveFormatType())
                : new Action.TriggerCheckpoint(job.jobId(), status.triggerId());
        FlinkStateSnapshotStatus inProgress = new FlinkStateSnapshotStatus(SnapshotState.IN_PROGRESS, status.triggerId(), now, null, null, status.error(),
                status.failures());
        return new Decision<>(inProgress, List.of(send, event(EventReason.SNAPSHOT_TRIGGERED, EventType.NORMAL,
                (spec.savepoint() != null ? "savepoint" : "checkpoint") + " triggered for job " + job.jobId())), settings.progressInterval());
    }

    private static Decision<FlinkStateSnapshotStatus> inProgress(FlinkStateSnapshot snapshot, FlinkStateSnapshotStatus status, SnapshotContext context, Instant now,
            OperatorSettings settings) {
        TriggerResult result = context.trigger().getOrElse(new TriggerResult.Unknown());
        if (result instanceof TriggerResult.Completed completed) {
            return new Decision<>(withState(status, SnapshotState.COMPLETED, completed.path(), now, null),
                    List.of(event(EventReason.SNAPSHOT_COMPLETED, EventType.NORMAL, "snapshot written to " + completed.path())), settings.reconcileInterval());
        }
        if (result instanceof TriggerResult.InProgress) {
            return new Decision<>(status, List.empty(), settings.progressInterval());
        }
        if (result instanceof TriggerResult.Failed failed) {
            int failures = status.failures() == null ? 1 : status.failures() + 1;
            int limit = snapshot.spec().effectiveBackoffLimit();
            if (limit >= 0 && failures > limit) {
                FlinkStateSnapshotStatus gaveUp = new FlinkStateSnapshotStatus(SnapshotState.FAILED, status.triggerId(), status.triggerTimestamp(), now, null,
                        failed.reason(), failures);
                return new Decision<>(gaveUp, List.of(event(EventReason.SNAPSHOT_FAILED, EventType.WARNING,
                        "snapshot failed " + failures + " time(s), more than backoffLimit " + limit + ": " + failed.reason())), settings.reconcileInterval());
            }
            Duration backoff = settings.backoff(failures);
            FlinkStateSnapshotStatus retry = new FlinkStateSnapshotStatus(SnapshotState.TRIGGER_PENDING, triggerId(snapshot, failures), now.plus(backoff), null, null,
                    failed.reason(), failures);
            return new Decision<>(retry, List.of(event(EventReason.SNAPSHOT_FAILED, EventType.WARNING,
                    "snapshot attempt " + failures + " failed, retrying in " + backoff.toSeconds() + "s: " + failed.reason())), backoff);
        }
        // the cluster does not know the trigger (never sent, or the cluster restarted): send it again
        return trigger(snapshot, status, context, now, settings);
    }

    private static Decision<FlinkStateSnapshotStatus> deleting(FlinkStateSnapshotSpec spec, FlinkStateSnapshotStatus status) {
        List<Action> actions = List.empty();
        if (status.state() == SnapshotState.COMPLETED && spec.savepoint() != null && spec.savepoint().effectiveDisposeOnDelete() && status.path() != null) {
            actions = actions.append(new Action.DisposeSavepoint(status.path()))
                    .append(event(EventReason.SNAPSHOT_DISPOSED, EventType.NORMAL, "disposing of savepoint " + status.path()));
        }
        return new Decision<>(status, actions.append(new Action.ReleaseResource()), Duration.ZERO);
    }

    private static FlinkStateSnapshotStatus withState(FlinkStateSnapshotStatus status, SnapshotState state, String path, Instant now, String error) {
        return new FlinkStateSnapshotStatus(state, status.triggerId(), status.triggerTimestamp(), now, path, error, status.failures());
    }

    /** A trigger id per snapshot and attempt, derived, never random: a repeated pass sends the same trigger. */
    static String triggerId(FlinkStateSnapshot snapshot, int attempt) {
        String key = "snapshot:" + snapshot.metadata().uid() + ":" + snapshot.key() + ":" + attempt;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Action event(EventReason reason, EventType type, String message) {
        return new Action.RecordEvent(reason, type, message);
    }
}
