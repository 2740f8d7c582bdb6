package org.flinkop.domain.upgrade;

import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import org.flinkop.domain.observe.CompletedCheckpoint;
import org.flinkop.domain.observe.Observed;
import org.flinkop.domain.observe.ObservedJob;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.domain.resource.UpgradeMode;

/**
 * Chooses the upgrade path. The rule it keeps: a job whose upgrade mode keeps state is never restarted empty;
 * when no state can be found the answer is {@link UpgradePath.Blocked}, not a silent fresh start. Pure.
 */
public final class UpgradePlanner {

    private UpgradePlanner() {
    }

    /**
     * What the planner needs to know.
     *
     * @param mode                 the upgrade mode of the spec being left
     * @param observed             the cluster and job now
     * @param lastSavepoint        the latest savepoint recorded for this resource, if any
     * @param haCannotCarryOver    whether the new spec cannot restore from HA metadata: it runs another Flink version,
     *                             or it turns high availability off (its job would start empty)
     * @param maxCheckpointAge     the oldest checkpoint a last-state upgrade may restore from, when limited
     * @param now                  the time of this pass
     */
    public record Situation(UpgradeMode mode, Observed observed, Option<String> lastSavepoint, boolean haCannotCarryOver,
            Option<Duration> maxCheckpointAge, Instant now) {
    }

    public static UpgradePath plan(Situation s) {
        if (s.mode() == UpgradeMode.STATELESS) {
            return new UpgradePath.Stateless();
        }
        Option<ObservedJob> job = s.observed().job();
        if (job.isDefined() && job.get().state() == FlinkJobState.RUNNING) {
            return running(s);
        }
        if (job.isDefined() && job.get().state() == FlinkJobState.CANCELLING) {
            return new UpgradePath.Wait(UpgradeReason.CANCELLATION_IN_PROGRESS);
        }
        if (job.isDefined() && !job.get().isTerminal()) {
            return lastStateIfSafe(s).getOrElse(() -> new UpgradePath.Wait(UpgradeReason.JOB_TRANSITIONING));
        }
        if (job.isEmpty() && isStarting(s.observed().jobManager())) {
            return lastStateIfSafe(s).getOrElse(() -> new UpgradePath.Wait(UpgradeReason.CLUSTER_NOT_READY));
        }
        return stopped(s);
    }

    private static UpgradePath running(Situation s) {
        if (s.mode() == UpgradeMode.SAVEPOINT) {
            return new UpgradePath.ViaSavepoint();
        }
        if (haRestorable(s)) {
            return new UpgradePath.LastStateFromHa();
        }
        return recentCheckpoint(s)
                .<UpgradePath>map(UpgradePath.LastStateViaCancel::new)
                // no checkpoint, or one older than allowed: take a savepoint rather than lose progress
                .getOrElse(UpgradePath.ViaSavepoint::new);
    }

    /** The job has stopped, or its JobManager is gone: restore from the newest state that is left. */
    private static UpgradePath stopped(Situation s) {
        Option<UpgradePath> lastState = lastStateIfSafe(s);
        if (lastState.isDefined()) {
            return lastState.get();
        }
        Option<CompletedCheckpoint> anyCheckpoint = s.observed().latestCheckpoint();
        if (anyCheckpoint.isDefined()) {
            return new UpgradePath.RestoreFrom(StateLocation.checkpoint(anyCheckpoint.get().path()));
        }
        if (s.lastSavepoint().isDefined()) {
            return new UpgradePath.RestoreFrom(StateLocation.savepoint(s.lastSavepoint().get()));
        }
        return new UpgradePath.Blocked(s.observed().jobManager() == JobManagerDeploymentStatus.MISSING
                ? UpgradeReason.MANUAL_RESTORE_REQUIRED
                : UpgradeReason.NO_STATE_TO_RESTORE);
    }

    /** HA metadata of the same Flink version, or a checkpoint young enough: either makes last-state safe. */
    private static Option<UpgradePath> lastStateIfSafe(Situation s) {
        if (haRestorable(s)) {
            return Option.of(new UpgradePath.LastStateFromHa());
        }
        return recentCheckpoint(s).map(cp -> new UpgradePath.RestoreFrom(StateLocation.checkpoint(cp.path())));
    }

    private static boolean haRestorable(Situation s) {
        return s.observed().haMetadataUsable() && !s.haCannotCarryOver();
    }

    private static Option<CompletedCheckpoint> recentCheckpoint(Situation s) {
        return s.observed().latestCheckpoint()
                .filter(cp -> s.maxCheckpointAge().forAll(max -> cp.ageAt(s.now()).compareTo(max) <= 0));
    }

    private static boolean isStarting(JobManagerDeploymentStatus jobManager) {
        return jobManager == JobManagerDeploymentStatus.DEPLOYING || jobManager == JobManagerDeploymentStatus.DEPLOYED_NOT_READY;
    }
}
