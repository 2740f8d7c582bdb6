package org.flinkop.domain.reconcile;

import org.flinkop.domain.config.FlinkOptions;
import io.vavr.control.Option;
import java.time.Duration;
import org.flinkop.domain.decision.Action.EventType;
import org.flinkop.domain.decision.Action;
import org.flinkop.domain.decision.Decision;
import org.flinkop.domain.decision.EventReason;
import org.flinkop.domain.observe.ObservedJob;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.JobState;
import org.flinkop.domain.resource.ReconciliationState;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.domain.resource.StateLocationKind;
import org.flinkop.domain.resource.TaskManagerSpec;
import org.flinkop.domain.resource.UpgradePhase;
import org.flinkop.domain.resource.UpgradeProgress;
import org.flinkop.domain.upgrade.UpgradePath;
import org.flinkop.domain.upgrade.UpgradePlanner;

/** Changing a deployed application: choosing the upgrade path, replacing the cluster, rescaling, rolling back. */
final class ApplicationUpgrades {

    private ApplicationUpgrades() {
    }

    enum UpgradeCause { SPEC_CHANGE, RECOVERY }

    static Decision<FlinkDeploymentStatus> upgrade(ApplicationPass p, FlinkDeploymentSpec last, UpgradeCause cause) {
        UpgradePath path = UpgradePlanner.plan(new UpgradePlanner.Situation(
                p.spec.job().effectiveUpgradeMode(),
                p.observed,
                Option.of(p.draft.jobStatus()).flatMap(js -> Option.of(js.upgradeSavepointPath())),
                last.flinkVersion() != p.spec.flinkVersion() || !FlinkOptions.highAvailability(p.spec.configuration()),
                p.settings.maxCheckpointAge(),
                p.now));
        String jobId = p.newJobId();
        if (path instanceof UpgradePath.Wait wait) {
            p.draft.condition(p.runningCondition(false, "UpgradeWaiting", wait.reason().message()));
            p.event(EventReason.UPGRADE_WAITING, EventType.NORMAL, wait.reason() + ": " + wait.reason().message());
            return p.done(p.settings.progressInterval());
        }
        if (path instanceof UpgradePath.Blocked blocked) {
            p.draft.error(blocked.reason() + ": " + blocked.reason().message()).lifecycle(ResourceLifecycleState.FAILED)
                    .condition(p.runningCondition(false, blocked.reason().name(), blocked.reason().message()));
            p.event(EventReason.UPGRADE_BLOCKED, EventType.WARNING, blocked.reason() + ": " + blocked.reason().message());
            return p.done(p.settings.reconcileInterval());
        }
        p.draft.error(null);
        p.event(EventReason.UPGRADE_PATH_CHOSEN, EventType.NORMAL, (cause == UpgradeCause.RECOVERY ? "recovering: " : "") + describe(path));
        String runningJobId = p.observed.job().map(ObservedJob::jobId).getOrNull();
        if (path instanceof UpgradePath.ViaSavepoint) {
            String trigger = Ids.savepointTrigger(jobId, p.now.toEpochMilli(), 0);
            p.draft.reconciled(p.spec, ReconciliationState.UPGRADING, p.now)
                    .upgrade(new UpgradeProgress(UpgradePhase.STOPPING, StateLocation.pendingSavepoint(trigger), jobId, p.now, 0))
                    .lifecycle(ResourceLifecycleState.UPGRADING);
            p.act(new Action.StopJobWithSavepoint(runningJobId, trigger, false));
            return p.done(p.settings.progressInterval());
        }
        if (path instanceof UpgradePath.LastStateViaCancel cancel) {
            p.draft.reconciled(p.spec, ReconciliationState.UPGRADING, p.now)
                    .upgrade(new UpgradeProgress(UpgradePhase.STOPPING, StateLocation.checkpoint(cancel.checkpoint().path()), jobId, p.now, 0))
                    .lifecycle(ResourceLifecycleState.UPGRADING);
            p.act(new Action.CancelJob(runningJobId));
            return p.done(p.settings.progressInterval());
        }
        StateLocation restore = path instanceof UpgradePath.LastStateFromHa ? StateLocation.haMetadata()
                : path instanceof UpgradePath.RestoreFrom from ? from.location()
                : StateLocation.none();
        return replaceCluster(p, new UpgradeProgress(UpgradePhase.DEPLOYING, restore, jobId, p.now, 0));
    }

    static Decision<FlinkDeploymentStatus> redeployFromInitialSavepoint(ApplicationPass p) {
        StateLocation restore = StateLocation.savepoint(p.spec.job().initialSavepointPath());
        p.event(EventReason.UPGRADE_PATH_CHOSEN, EventType.NORMAL, "savepointRedeployNonce changed: redeploying from " + restore.path());
        return replaceCluster(p, new UpgradeProgress(UpgradePhase.DEPLOYING, restore, p.newJobId(), p.now, 0));
    }

    static Decision<FlinkDeploymentStatus> rescale(ApplicationPass p) {
        TaskManagerSpec tm = p.spec.taskManager();
        p.draft.reconciled(p.spec, ReconciliationState.DEPLOYED, p.now);
        p.event(EventReason.SCALING, EventType.NORMAL, "rescaling in place");
        p.act(new Action.Rescale(tm == null ? null : tm.replicas(), p.spec.job().parallelism()));
        return p.done(p.settings.progressInterval());
    }

    /**
     * The old job is stopped and its state is at {@code progress.restoreFrom()}: remove the cluster (keeping HA
     * metadata only when restoring from it) and deploy the desired spec, or stop there when it is suspended.
     */
    static Decision<FlinkDeploymentStatus> replaceCluster(ApplicationPass p, UpgradeProgress progress) {
        StateLocation restore = progress.restoreFrom();
        if (restore.kind() == StateLocationKind.SAVEPOINT) {
            p.draft.job(p.currentJobId(), p.currentJobState(), p.now, restore.path());
        }
        boolean deleteHa = restore.kind() != StateLocationKind.HA_METADATA;
        if (p.wantsSuspended()) {
            p.draft.reconciled(p.spec, ReconciliationState.DEPLOYED, p.now)
                    .upgrade(progress.withPhase(UpgradePhase.SUSPENDED, restore))
                    .lifecycle(ResourceLifecycleState.SUSPENDED);
            p.event(EventReason.SUSPENDED, EventType.NORMAL, "job suspended; it resumes" + ApplicationPass.restoreText(restore));
            p.act(new Action.DeleteCluster(deleteHa));
            return p.done(p.settings.reconcileInterval());
        }
        p.draft.reconciled(p.spec, ReconciliationState.UPGRADING, p.now)
                .upgrade(progress.withPhase(UpgradePhase.DEPLOYING, restore))
                .lifecycle(ResourceLifecycleState.UPGRADING);
        p.event(EventReason.DEPLOYING, EventType.NORMAL, "deploying the new spec" + ApplicationPass.restoreText(restore));
        p.act(new Action.DeleteCluster(deleteHa));
        p.act(new Action.DeployCluster(p.spec, restore, progress.jobId()));
        return p.done(p.settings.progressInterval());
    }

    /** A deployment in flight is replaced by the user's newer spec, from the state it was going to use. */
    static Decision<FlinkDeploymentStatus> newChangeWins(ApplicationPass p, UpgradeProgress progress, FlinkDeploymentSpec last, String why) {
        p.event(EventReason.SPEC_CHANGED, EventType.NORMAL, why);
        if (p.stateWouldBeDropped(progress.restoreFrom())) {
            return upgrade(p, last, UpgradeCause.SPEC_CHANGE);
        }
        return replaceCluster(p, new UpgradeProgress(UpgradePhase.DEPLOYING, p.newerStateThan(progress.restoreFrom()), p.newJobId(), p.now, 0));
    }

    /** An upgrade (not a first deployment) that did not become ready in time, with a stable spec to go back to. */
    static boolean shouldRollBack(ApplicationPass p, UpgradeProgress progress) {
        return canRollBack(p) && Duration.between(progress.startedAt(), p.now).compareTo(p.settings.readinessTimeout()) > 0;
    }

    /** Rollback is on, and there is a running stable spec other than the one deployed now to go back to. */
    static boolean canRollBack(ApplicationPass p) {
        FlinkDeploymentSpec stable = p.draft.lastStableSpec();
        return p.settings.rollback() && stable != null && !stable.equals(p.draft.lastReconciledSpec())
                && stable.job().effectiveState() == JobState.RUNNING;
    }

    /** Back to the last stable spec, from the state the upgrade recorded (the old job's), keeping the failed spec as reconciled. */
    static Decision<FlinkDeploymentStatus> rollBack(ApplicationPass p, UpgradeProgress progress) {
        StateLocation restore = p.newerStateThan(progress.restoreFrom());
        if (p.stateWouldBeDropped(restore)) {
            // the upgrade started empty, but a stateful job runs now: going back empty would lose its state
            String why = "the new spec did not run within " + p.settings.readinessTimeout().toSeconds() + "s, and rolling back would start "
                    + "the last stable spec without the running job's state; fix the spec, or set upgradeMode stateless to allow that";
            p.draft.error(why).lifecycle(ResourceLifecycleState.FAILED);
            p.event(EventReason.UPGRADE_BLOCKED, EventType.WARNING, why);
            return p.done(p.settings.reconcileInterval());
        }
        UpgradeProgress back = new UpgradeProgress(UpgradePhase.DEPLOYING, restore, p.newJobId(), p.now, 0);
        String why = "the new spec did not run within " + p.settings.readinessTimeout().toSeconds() + "s; rolling back to the last stable spec";
        p.draft.state(ReconciliationState.ROLLING_BACK).upgrade(back).lifecycle(ResourceLifecycleState.ROLLING_BACK).error(why);
        p.event(EventReason.ROLLING_BACK, EventType.WARNING, why + ApplicationPass.restoreText(restore));
        p.act(new Action.DeleteCluster(restore.kind() != StateLocationKind.HA_METADATA));
        p.act(new Action.DeployCluster(p.draft.lastStableSpec(), restore, back.jobId()));
        return p.done(p.settings.progressInterval());
    }

    static String describe(UpgradePath path) {
        if (path instanceof UpgradePath.Stateless) {
            return "stateless: the job restarts with empty state";
        }
        if (path instanceof UpgradePath.ViaSavepoint) {
            return "stop the job with a savepoint, then redeploy from it";
        }
        if (path instanceof UpgradePath.LastStateFromHa) {
            return "last-state: redeploy from the checkpoint in HA metadata";
        }
        if (path instanceof UpgradePath.LastStateViaCancel cancel) {
            return "last-state: cancel the job, then redeploy from checkpoint " + cancel.checkpoint().path();
        }
        if (path instanceof UpgradePath.RestoreFrom from) {
            return "the job is not running: redeploy" + ApplicationPass.restoreText(from.location());
        }
        return path.toString();
    }
}
