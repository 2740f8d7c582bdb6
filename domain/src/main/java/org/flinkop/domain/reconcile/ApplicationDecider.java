package org.flinkop.domain.reconcile;

import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.decision.EventReason;
import org.flinkop.domain.decision.Decision;
import org.flinkop.domain.decision.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.flinkop.domain.config.FlinkOptions;
import org.flinkop.domain.diff.SpecDiff;
import org.flinkop.domain.observe.Observed;
import org.flinkop.domain.decision.Action.EventType;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.ReconciliationState;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.domain.resource.UpgradePhase;
import org.flinkop.domain.resource.UpgradeProgress;

/**
 * Decides one pass for a FlinkDeployment application cluster: {@code decide(desired, observed, now)}, where the
 * recorded status is the resource's own. Pure: no clock, no I/O, inputs untouched, no exceptions for expected
 * outcomes. The state machine is drawn in {@code domain/DESIGN.md}.
 *
 * <p>Write-ahead: every decision that stops or cancels a job, or deletes a cluster, records in its status where
 * the next deployment restores from (a savepoint path, the trigger id of the savepoint being written, a
 * checkpoint path, or HA metadata) and marks the reconciliation as upgrading, before any action runs.
 */
public final class ApplicationDecider {

    private ApplicationDecider() {
    }

    public static Decision<FlinkDeploymentStatus> decide(FlinkDeployment desired, Observed observed, Instant now, OperatorSettings operatorDefaults) {
        Objects.requireNonNull(desired.spec(), "spec");
        Objects.requireNonNull(desired.spec().job(), "an application cluster has a job");
        return decide(new ApplicationPass(desired, observed, now, operatorDefaults.overriddenBy(desired.spec().configuration())));
    }

    private static Decision<FlinkDeploymentStatus> decide(ApplicationPass p) {
        if (p.resource.metadata().deletionTimestamp() != null) {
            return deleting(p);
        }
        FlinkDeploymentSpec last = p.draft.lastReconciledSpec();
        if (last == null) {
            return firstDeployment(p);
        }
        UpgradeProgress upgrade = p.draft.upgrade();
        if (upgrade != null && p.draft.reconciliationState() == ReconciliationState.ROLLING_BACK && !p.spec.equals(last)) {
            return ApplicationUpgrades.newChangeWins(p, upgrade, last, "the spec changed during the rollback; deploying the new spec instead");
        }
        if (upgrade != null) {
            return switch (upgrade.phase()) {
                case SUSPENDED -> ApplicationInFlight.suspended(p, upgrade, last);
                case STOPPING -> ApplicationInFlight.stopping(p, upgrade);
                case DEPLOYING -> ApplicationInFlight.deploying(p, upgrade, last);
            };
        }
        SpecDiff.Result diff = SpecDiff.of(last, p.spec);
        return switch (diff.type()) {
            // without a path (a removed nonce; admission refuses a new one without a path) it is a plain upgrade
            case SAVEPOINT_REDEPLOY -> p.spec.job().initialSavepointPath() == null ? ApplicationUpgrades.upgrade(p, last, ApplicationUpgrades.UpgradeCause.SPEC_CHANGE) : ApplicationUpgrades.redeployFromInitialSavepoint(p);
            case UPGRADE -> ApplicationUpgrades.upgrade(p, last, ApplicationUpgrades.UpgradeCause.SPEC_CHANGE);
            // a running job takes new TaskManagers only under Flink's reactive scheduler; otherwise, and on a runtime
            // that cannot rescale in place (local processes), the change is applied as an upgrade
            case SCALE -> p.observed.inPlaceRescale() && FlinkOptions.reactive(p.spec.configuration())
                    ? ApplicationUpgrades.rescale(p)
                    : ApplicationUpgrades.upgrade(p, last, ApplicationUpgrades.UpgradeCause.SPEC_CHANGE);
            case IGNORE -> steady(p, last, diff);
        };
    }

    // first deployment

    /**
     * The resource is being deleted: remove the cluster with its HA metadata, then let the resource go. When nothing
     * of the cluster can outlive the removal (no HA metadata now, and none a stopping JobManager could still write),
     * the resource goes in the same pass; otherwise a later pass lets it go once the cluster and its HA metadata are gone.
     */
    private static Decision<FlinkDeploymentStatus> deleting(ApplicationPass p) {
        if (p.observed.jobManager() != JobManagerDeploymentStatus.MISSING || p.observed.haMetadataPresent()) {
            boolean leavesNothing = ClusterRemoval.leavesNothing(p.observed.haMetadataPresent(), p.spec, p.draft.lastReconciledSpec());
            if (ClusterRemoval.overdue(p.observed.jobManager() == JobManagerDeploymentStatus.MISSING, p.observed.haMetadataPresent(),
                    p.resource.metadata().deletionTimestamp(), p.now, p.settings.cleanupTimeout())) {
                p.event(EventReason.CLEANUP_TIMED_OUT, EventType.WARNING, ClusterRemoval.overdueMessage(p.settings.cleanupTimeout()));
                p.act(new Action.DeleteCluster(true, true));
            } else {
                p.event(EventReason.DELETING, EventType.NORMAL, "deleting the cluster");
                p.act(new Action.DeleteCluster(!leavesNothing));
            }
            if (leavesNothing) {
                p.draft.lifecycle(ResourceLifecycleState.DELETED);
                p.act(new Action.ReleaseResource());
                return p.done(Duration.ZERO);
            }
            p.draft.lifecycle(ResourceLifecycleState.DELETING);
            return p.done(p.settings.progressInterval());
        }
        p.draft.lifecycle(ResourceLifecycleState.DELETED);
        p.act(new Action.ReleaseResource());
        return p.done(Duration.ZERO);
    }

    private static Decision<FlinkDeploymentStatus> firstDeployment(ApplicationPass p) {
        StateLocation restore = p.spec.job().initialSavepointPath() == null
                ? StateLocation.none()
                : StateLocation.savepoint(p.spec.job().initialSavepointPath());
        UpgradeProgress progress = new UpgradeProgress(UpgradePhase.DEPLOYING, restore, p.newJobId(), p.now, 0);
        if (p.wantsSuspended()) {
            p.draft.reconciled(p.spec, ReconciliationState.DEPLOYED, p.now)
                    .upgrade(progress.withPhase(UpgradePhase.SUSPENDED, restore))
                    .lifecycle(ResourceLifecycleState.SUSPENDED);
            return p.done(p.settings.reconcileInterval());
        }
        // an error a pass recorded before (a cluster of another in its place) no longer holds
        p.draft.reconciled(p.spec, ReconciliationState.UPGRADING, p.now).upgrade(progress).lifecycle(ResourceLifecycleState.CREATED).error(null);
        p.event(EventReason.DEPLOYING, EventType.NORMAL, "deploying the cluster" + ApplicationPass.restoreText(restore));
        p.act(new Action.DeployCluster(p.spec, restore, progress.jobId()));
        return p.done(p.settings.progressInterval());
    }

    // nothing to change: watch the job, its health and its snapshots

    private static Decision<FlinkDeploymentStatus> steady(ApplicationPass p, FlinkDeploymentSpec last, SpecDiff.Result diff) {
        if (!diff.isEmpty()) {
            p.draft.reconciled(p.spec, ReconciliationState.DEPLOYED, p.now);
        }
        FlinkDeploymentSpec current = diff.isEmpty() ? last : p.spec;
        if (p.observed.jobManager() == JobManagerDeploymentStatus.MISSING) {
            if (!p.settings.recoverJobManager()) {
                String why = "the JobManager deployment is missing and " + FlinkOptions.JM_RECOVERY + " is false; set it to true, or change the spec to redeploy";
                p.draft.error(why).lifecycle(ResourceLifecycleState.FAILED).condition(p.runningCondition(false, "JobManagerMissing", why));
                p.event(EventReason.JOB_MANAGER_MISSING, EventType.WARNING, why);
                return p.done(p.settings.reconcileInterval());
            }
            // the cluster is gone: bring it back per the upgrade mode, never empty for a stateful job
            return ApplicationUpgrades.upgrade(p, current, ApplicationUpgrades.UpgradeCause.RECOVERY);
        }
        ApplicationSnapshots.manualSnapshots(p, last);
        if (p.observed.jobIs(FlinkJobState.FAILED)) {
            return failedJob(p, current);
        }
        boolean rolledBack = p.draft.reconciliationState() == ReconciliationState.ROLLED_BACK && diff.isEmpty();
        if (rolledBack && p.observed.jobIs(FlinkJobState.RUNNING)) {
            // the failed spec stays recorded, so it is not tried again until the user changes the spec
            p.draft.lifecycle(ResourceLifecycleState.ROLLED_BACK);
            return p.done(p.settings.reconcileInterval());
        }
        if (p.observed.jobIs(FlinkJobState.RUNNING) && p.observed.jobManager() == JobManagerDeploymentStatus.READY) {
            ClusterHealthCheck.Verdict health = ClusterHealthCheck.evaluate(p.settings.health(), p.draft.health(), p.observed,
                    new ApplicationPass.JobStatusView(p.draft.jobStatus()).startTime().getOrElse(p.now), p.spec.configuration().containsKey(FlinkOptions.CHECKPOINT_INTERVAL), p.now);
            p.draft.health(health.remember());
            if (health.problem().isDefined()) {
                p.event(EventReason.CLUSTER_UNHEALTHY, EventType.WARNING, "restarting the job: " + health.problem().get());
                return ApplicationUpgrades.upgrade(p, current, ApplicationUpgrades.UpgradeCause.RECOVERY);
            }
            p.draft.lifecycle(ResourceLifecycleState.STABLE).stable(current).error(null)
                    .condition(p.runningCondition(true, "JobRunning", "the job runs"));
            Duration untilNext = ApplicationSnapshots.periodicSnapshot(p, true, FlinkOptions.PERIODIC_SAVEPOINT_INTERVAL);
            untilNext = ApplicationPass.min(untilNext, ApplicationSnapshots.periodicSnapshot(p, false, FlinkOptions.PERIODIC_CHECKPOINT_INTERVAL));
            return p.done(ApplicationPass.min(p.settings.reconcileInterval(), untilNext));
        }
        if (p.observed.jobManager() == JobManagerDeploymentStatus.ERROR) {
            // the runtime keeps trying to start it (as Kubernetes restarts a pod); the user is told why it does not
            String why = p.observed.jobManagerFailure();
            p.draft.error(why).lifecycle(ResourceLifecycleState.DEPLOYED).condition(p.runningCondition(false, "JobManagerError", why));
            return p.done(p.settings.progressInterval());
        }
        String state = p.observed.jobState().map(FlinkJobState::spelling).getOrElse("unknown");
        p.draft.lifecycle(p.observed.jobIs(FlinkJobState.FAILED) ? ResourceLifecycleState.FAILED : ResourceLifecycleState.DEPLOYED)
                .condition(p.runningCondition(false, "Job" + state, "the job is " + state));
        return p.done(p.settings.progressInterval());
    }

    static Decision<FlinkDeploymentStatus> failedJob(ApplicationPass p, FlinkDeploymentSpec current) {
        if (p.settings.restartFailedJobs()) {
            p.event(EventReason.JOB_FAILED, EventType.WARNING, "the job failed" + p.observed.failureSuffix() + "; restarting it ("
                    + FlinkOptions.JOB_RESTART_FAILED + ")");
            return ApplicationUpgrades.upgrade(p, current, ApplicationUpgrades.UpgradeCause.RECOVERY);
        }
        String why = "the job failed" + p.observed.failureSuffix() + "; see the JobManager log, then change the spec (or restartNonce) to redeploy, "
                + "or set " + FlinkOptions.JOB_RESTART_FAILED + ": true to restart failed jobs automatically";
        p.draft.error(why).lifecycle(ResourceLifecycleState.FAILED).condition(p.runningCondition(false, "JobFailed", why));
        p.event(EventReason.JOB_FAILED, EventType.WARNING, why);
        return p.done(p.settings.reconcileInterval());
    }
}
