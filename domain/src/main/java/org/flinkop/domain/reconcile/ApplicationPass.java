package org.flinkop.domain.reconcile;

import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import org.flinkop.domain.decision.Action.EventType;
import org.flinkop.domain.decision.Action;
import org.flinkop.domain.decision.Decision;
import org.flinkop.domain.decision.EventReason;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.observe.Observed;
import org.flinkop.domain.observe.ObservedJob;
import org.flinkop.domain.resource.Condition;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.JobState;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.domain.resource.UpgradeMode;
import org.flinkop.domain.resource.UpgradeProgress;

/** One application pass: its inputs, the status and actions being decided (local to the pass), and what every step needs. */
final class ApplicationPass {

    final FlinkDeployment resource;
    final FlinkDeploymentSpec spec;
    final Observed observed;
    final Instant now;
    final OperatorSettings settings;
    final DeploymentStatusDraft draft;
    private List<Action> actions = List.empty();

    ApplicationPass(FlinkDeployment resource, Observed observed, Instant now, OperatorSettings settings) {
        this.resource = resource;
        this.spec = resource.spec();
        this.observed = observed;
        this.now = now;
        this.settings = settings;
        this.draft = new DeploymentStatusDraft(resource.status())
                .jobManager(observed.jobManager())
                .observedGeneration(resource.metadata().generation());
        observed.job().forEach(job -> draft.job(job.jobId(), job.state(), now, null));
    }

    /**
     * Whether acting on a recorded empty start would now drop state: the user has since chosen a mode that keeps
     * state, and a job is still there whose state a savepoint or checkpoint can take. Then the way is planned again.
     */
    boolean stateWouldBeDropped(StateLocation recorded) {
        return !recorded.carriesState() && spec.job().effectiveUpgradeMode() != UpgradeMode.STATELESS
                && observed.jobManager() != JobManagerDeploymentStatus.MISSING && observed.job().isDefined();
    }

    /** For a stateful job: HA metadata or a checkpoint the world shows now beat a recorded empty start. */
    StateLocation newerStateThan(StateLocation recorded) {
        if (recorded.carriesState() || spec.job().effectiveUpgradeMode() == UpgradeMode.STATELESS) {
            return recorded;
        }
        if (observed.haMetadataUsable()) {
            return StateLocation.haMetadata();
        }
        return observed.latestCheckpoint().map(cp -> StateLocation.checkpoint(cp.path())).getOrElse(recorded);
    }

    /** The recorded job status, read without null checks at every use. */
    record JobStatusView(org.flinkop.domain.resource.JobStatus status) {
        Option<Instant> lastPeriodicSavepoint() {
            return Option.of(status).flatMap(s -> Option.of(s.lastPeriodicSavepointTimestamp()));
        }

        Option<Instant> lastPeriodicCheckpoint() {
            return Option.of(status).flatMap(s -> Option.of(s.lastPeriodicCheckpointTimestamp()));
        }

        Option<Instant> startTime() {
            return Option.of(status).flatMap(s -> Option.of(s.startTime()));
        }
    }

    static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    // helpers

    boolean wantsSuspended() {
        return spec.job().effectiveState() == JobState.SUSPENDED;
    }

    String newJobId() {
        Long generation = resource.metadata().generation();
        return Ids.jobId(String.valueOf(resource.metadata().uid()), resource.key(), generation == null ? 0 : generation, now.toEpochMilli());
    }

    String currentJobId() {
        return observed.job().map(ObservedJob::jobId)
                .orElse(Option.of(draft.jobStatus()).flatMap(js -> Option.of(js.jobId())))
                .getOrNull();
    }

    FlinkJobState currentJobState() {
        return observed.jobState().orElse(Option.of(draft.jobStatus()).flatMap(js -> Option.of(js.state()))).getOrNull();
    }


    Condition runningCondition(boolean running, String reason, String message) {
        return new Condition(Conditions.RUNNING, running ? "True" : "False", reason, message, now, resource.metadata().generation());
    }

    void act(Action action) {
        actions = actions.append(action);
        if (action instanceof Action.DeployCluster) {
            // recorded before the deploy runs, as everything decided is: the next pass then finds the status it would
            // write for a JobManager that is starting, and writes nothing
            draft.jobManager(JobManagerDeploymentStatus.DEPLOYING);
        }
    }

    void event(EventReason reason, EventType type, String message) {
        act(new Action.RecordEvent(reason, type, message));
    }

    Decision<FlinkDeploymentStatus> done(Duration lookAgain) {
        return new Decision<>(draft.build(), actions, lookAgain);
    }

    static String restoreText(StateLocation restore) {
        return switch (restore.kind()) {
            case NONE -> " with empty state";
            case SAVEPOINT -> " from savepoint " + restore.path();
            case CHECKPOINT -> " from checkpoint " + restore.path();
            case HA_METADATA -> " from the checkpoint in HA metadata";
            case PENDING_SAVEPOINT -> " from savepoint " + restore.savepointTriggerId() + " (being written)";
        };
    }
}
