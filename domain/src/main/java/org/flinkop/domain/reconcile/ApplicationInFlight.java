package org.flinkop.domain.reconcile;

import io.vavr.control.Option;
import java.util.Objects;
import org.flinkop.domain.decision.Action.EventType;
import org.flinkop.domain.decision.Action;
import org.flinkop.domain.decision.Decision;
import org.flinkop.domain.decision.EventReason;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.ReconciliationState;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.domain.resource.StateLocationKind;
import org.flinkop.domain.resource.UpgradePhase;
import org.flinkop.domain.resource.UpgradeProgress;

/** An application upgrade in flight: stopping the old job, deploying the new one, or resting suspended. */
final class ApplicationInFlight {

    private ApplicationInFlight() {
    }

    static Decision<FlinkDeploymentStatus> stopping(ApplicationPass p, UpgradeProgress progress) {
        StateLocation restore = progress.restoreFrom();
        if (restore.kind() == StateLocationKind.PENDING_SAVEPOINT) {
            return awaitSavepoint(p, progress);
        }
        if (restore.kind() == StateLocationKind.CHECKPOINT) {
            return awaitCancellation(p, progress);
        }
        return ApplicationUpgrades.replaceCluster(p, progress);
    }

    private static Decision<FlinkDeploymentStatus> awaitSavepoint(ApplicationPass p, UpgradeProgress progress) {
        TriggerResult result = p.observed.savepointTrigger().getOrElse(new TriggerResult.Unknown());
        if (result instanceof TriggerResult.Completed completed) {
            p.event(EventReason.SAVEPOINT_COMPLETED, EventType.NORMAL, "savepoint written to " + completed.path());
            return ApplicationUpgrades.replaceCluster(p, progress.withPhase(UpgradePhase.DEPLOYING, StateLocation.savepoint(completed.path())));
        }
        if (result instanceof TriggerResult.InProgress) {
            return p.done(p.settings.progressInterval());
        }
        boolean jobRunning = p.observed.jobIs(FlinkJobState.RUNNING);
        if (result instanceof TriggerResult.Failed failed && jobRunning) {
            // the job keeps running with its state; a new attempt gets a new trigger id, after a backoff
            int attempts = progress.effectiveAttempts() + 1;
            String trigger = Ids.savepointTrigger(progress.jobId(), progress.startedAt().toEpochMilli(), attempts);
            p.draft.upgrade(new UpgradeProgress(UpgradePhase.STOPPING, StateLocation.pendingSavepoint(trigger), progress.jobId(), progress.startedAt(), attempts))
                    .error("savepoint failed (attempt " + attempts + "): " + failed.reason());
            p.event(EventReason.SAVEPOINT_FAILED, EventType.WARNING, "savepoint failed, the job keeps running and it is retried: " + failed.reason());
            return p.done(p.settings.backoff(attempts));
        }
        if (jobRunning) {
            // not sent yet, or the pass that sent it crashed first: send it under the recorded trigger id
            p.act(new Action.StopJobWithSavepoint(p.currentJobId(), progress.restoreFrom().savepointTriggerId(), false));
            return p.done(p.settings.progressInterval());
        }
        if (p.observed.job().exists(job -> !job.isTerminal())) {
            return p.done(p.settings.progressInterval());
        }
        // the job stopped without the savepoint (or the cluster is gone): restore from what state is left
        return upgradeFromStoppedJob(p, progress);
    }

    private static Decision<FlinkDeploymentStatus> awaitCancellation(ApplicationPass p, UpgradeProgress progress) {
        if (p.observed.jobIs(FlinkJobState.RUNNING)) {
            p.act(new Action.CancelJob(p.currentJobId()));
            return p.done(p.settings.progressInterval());
        }
        if (p.observed.job().exists(job -> !job.isTerminal())) {
            return p.done(p.settings.progressInterval());
        }
        // checkpoints may have completed while the cancellation ran: restore from the newest retained one
        StateLocation newest = p.observed.latestCheckpoint()
                .map(cp -> StateLocation.checkpoint(cp.path()))
                .getOrElse(progress.restoreFrom());
        return ApplicationUpgrades.replaceCluster(p, progress.withPhase(UpgradePhase.DEPLOYING, newest));
    }

    private static Decision<FlinkDeploymentStatus> upgradeFromStoppedJob(ApplicationPass p, UpgradeProgress progress) {
        Option<StateLocation> left = p.observed.haMetadataUsable() ? Option.of(StateLocation.haMetadata())
                : p.observed.latestCheckpoint().map(cp -> StateLocation.checkpoint(cp.path()))
                        .orElse(Option.of(p.draft.jobStatus()).flatMap(js -> Option.of(js.upgradeSavepointPath())).map(StateLocation::savepoint));
        if (left.isEmpty()) {
            String reason = "the job stopped without completing its savepoint and no checkpoint or HA metadata is left; "
                    + "set initialSavepointPath and change savepointRedeployNonce, or set upgradeMode stateless to start empty";
            p.draft.error(reason).lifecycle(ResourceLifecycleState.FAILED);
            p.event(EventReason.UPGRADE_BLOCKED, EventType.WARNING, reason);
            return p.done(p.settings.reconcileInterval());
        }
        return ApplicationUpgrades.replaceCluster(p, progress.withPhase(UpgradePhase.DEPLOYING, left.get()));
    }

    static Decision<FlinkDeploymentStatus> deploying(ApplicationPass p, UpgradeProgress progress, FlinkDeploymentSpec reconciled) {
        boolean rollingBack = p.draft.reconciliationState() == ReconciliationState.ROLLING_BACK;
        FlinkDeploymentSpec last = rollingBack ? p.draft.lastStableSpec() : reconciled;
        if (p.observed.jobManager() == JobManagerDeploymentStatus.MISSING) {
            // the deploy never ran (a crash right after recording it) or the cluster went away: deploy again,
            // from newer state if the job ran meanwhile and left some
            StateLocation restore = p.newerStateThan(progress.restoreFrom());
            p.draft.upgrade(progress.withPhase(UpgradePhase.DEPLOYING, restore));
            p.act(new Action.DeployCluster(last, restore, progress.jobId()));
            return p.done(p.settings.progressInterval());
        }
        if (p.observed.job().exists(job -> !job.jobId().equals(progress.jobId()))) {
            // the old cluster is still there: the pass that recorded this deployment crashed before replacing it.
            // Its state is recorded, so replace it now (unless the user has since asked to keep state it would drop).
            if (p.stateWouldBeDropped(progress.restoreFrom())) {
                return ApplicationUpgrades.upgrade(p, reconciled, ApplicationUpgrades.UpgradeCause.SPEC_CHANGE);
            }
            StateLocation restore = p.newerStateThan(progress.restoreFrom());
            p.draft.upgrade(progress.withPhase(UpgradePhase.DEPLOYING, restore));
            p.act(new Action.DeleteCluster(restore.kind() != StateLocationKind.HA_METADATA));
            p.act(new Action.DeployCluster(last, restore, progress.jobId()));
            return p.done(p.settings.progressInterval());
        }
        boolean newJobRunning = p.observed.job().exists(job -> job.jobId().equals(progress.jobId()) && job.state() == FlinkJobState.RUNNING);
        if (p.observed.jobManager() == JobManagerDeploymentStatus.READY && newJobRunning) {
            if (rollingBack) {
                p.draft.upgrade(null).state(ReconciliationState.ROLLED_BACK).lifecycle(ResourceLifecycleState.ROLLED_BACK)
                        .condition(p.runningCondition(true, "RolledBack", "the job runs the last stable spec"));
                p.event(EventReason.ROLLED_BACK, EventType.WARNING, "rolled back: the job runs the last stable spec again");
                return p.done(p.settings.reconcileInterval());
            }
            p.draft.upgrade(null).state(ReconciliationState.DEPLOYED).stable(last).error(null)
                    .lifecycle(ResourceLifecycleState.STABLE)
                    .condition(p.runningCondition(true, "JobRunning", "the job runs"));
            p.event(EventReason.RUNNING, EventType.NORMAL, "the job runs" + ApplicationPass.restoreText(progress.restoreFrom()));
            return p.done(p.settings.reconcileInterval());
        }
        boolean newJobFailed = p.observed.job().exists(job -> job.jobId().equals(progress.jobId()) && job.state() == FlinkJobState.FAILED);
        if (newJobFailed && !rollingBack && !ApplicationUpgrades.canRollBack(p)) {
            // the deployed job failed by itself (in its main method, or at its first records): the deployment is
            // done, and the failure is the job's. Where its state came from stays recorded in the job status.
            p.draft.upgrade(null).state(ReconciliationState.DEPLOYED);
            return ApplicationDecider.failedJob(p, last);
        }
        if (!rollingBack && (newJobFailed || ApplicationUpgrades.shouldRollBack(p, progress))) {
            // a failed new job rolls back at once; one that does not run, after the readiness timeout
            return p.spec.equals(last) ? ApplicationUpgrades.rollBack(p, progress)
                    : ApplicationUpgrades.newChangeWins(p, progress, last, "the upgraded spec did not run in time and the spec changed since; deploying the new spec");
        }
        if (p.observed.jobManager() == JobManagerDeploymentStatus.ERROR) {
            // told while the runtime keeps trying; cleared once the job runs
            p.draft.error(p.observed.jobManagerFailure());
        }
        return p.done(p.settings.progressInterval());
    }

    static Decision<FlinkDeploymentStatus> suspended(ApplicationPass p, UpgradeProgress progress, FlinkDeploymentSpec last) {
        if (p.stateWouldBeDropped(progress.restoreFrom())) {
            // suspended without state, but a job is still there and the user now wants state kept: keep it
            return ApplicationUpgrades.upgrade(p, last, ApplicationUpgrades.UpgradeCause.SPEC_CHANGE);
        }
        if (p.wantsSuspended()) {
            if (!p.spec.equals(last)) {
                p.draft.reconciled(p.spec, ReconciliationState.DEPLOYED, p.now);
            }
            p.draft.lifecycle(ResourceLifecycleState.SUSPENDED);
            if (p.observed.jobManager() != JobManagerDeploymentStatus.MISSING) {
                // the pass that suspended crashed before removing the cluster: record the newest state, then remove it
                StateLocation restore = p.newerStateThan(progress.restoreFrom());
                p.draft.upgrade(progress.withPhase(UpgradePhase.SUSPENDED, restore));
                p.act(new Action.DeleteCluster(restore.kind() != StateLocationKind.HA_METADATA));
                return p.done(p.settings.progressInterval());
            }
            return p.done(p.settings.reconcileInterval());
        }
        boolean redeploy = !Objects.equals(last.job().savepointRedeployNonce(), p.spec.job().savepointRedeployNonce())
                && p.spec.job().initialSavepointPath() != null;
        StateLocation restore = redeploy ? StateLocation.savepoint(p.spec.job().initialSavepointPath()) : p.newerStateThan(progress.restoreFrom());
        UpgradeProgress resuming = new UpgradeProgress(UpgradePhase.DEPLOYING, restore, p.newJobId(), p.now, 0);
        p.draft.reconciled(p.spec, ReconciliationState.UPGRADING, p.now).upgrade(resuming).lifecycle(ResourceLifecycleState.UPGRADING);
        p.event(EventReason.RESUMING, EventType.NORMAL, "resuming" + ApplicationPass.restoreText(restore));
        if (p.observed.jobManager() != JobManagerDeploymentStatus.MISSING) {
            p.act(new Action.DeleteCluster(restore.kind() != StateLocationKind.HA_METADATA));
        }
        p.act(new Action.DeployCluster(p.spec, restore, resuming.jobId()));
        return p.done(p.settings.progressInterval());
    }
}
