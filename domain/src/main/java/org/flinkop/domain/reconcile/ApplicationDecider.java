package org.flinkop.domain.reconcile;

import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.decision.EventReason;
import org.flinkop.domain.decision.Decision;
import org.flinkop.domain.decision.Action;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.flinkop.domain.config.FlinkOptions;
import org.flinkop.domain.diff.SpecDiff;
import org.flinkop.domain.observe.Observed;
import org.flinkop.domain.observe.ObservedJob;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.decision.Action.EventType;
import org.flinkop.domain.resource.Condition;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.JobKind;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.JobState;
import org.flinkop.domain.resource.ReconciliationState;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.domain.resource.StateLocationKind;
import org.flinkop.domain.resource.TaskManagerSpec;
import org.flinkop.domain.resource.UpgradeMode;
import org.flinkop.domain.resource.UpgradePhase;
import org.flinkop.domain.resource.UpgradeProgress;
import org.flinkop.domain.snapshot.SnapshotSchedule;
import org.flinkop.domain.snapshot.SnapshotTriggerType;
import org.flinkop.domain.upgrade.UpgradePath;
import org.flinkop.domain.upgrade.UpgradePlanner;

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
        return new Pass(desired, observed, now, operatorDefaults.overriddenBy(desired.spec().configuration())).decide();
    }

    /** One pass: the inputs, and the status and actions being decided (local to this call). */
    private static final class Pass {
        private final FlinkDeployment resource;
        private final FlinkDeploymentSpec spec;
        private final Observed observed;
        private final Instant now;
        private final OperatorSettings settings;
        private final DeploymentStatusDraft draft;
        private List<Action> actions = List.empty();

        Pass(FlinkDeployment resource, Observed observed, Instant now, OperatorSettings settings) {
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

        Decision<FlinkDeploymentStatus> decide() {
            FlinkDeploymentSpec last = draft.lastReconciledSpec();
            if (last == null) {
                return firstDeployment();
            }
            UpgradeProgress upgrade = draft.upgrade();
            if (upgrade != null && draft.reconciliationState() == ReconciliationState.ROLLING_BACK && !spec.equals(last)) {
                return newChangeWins(upgrade, last, "the spec changed during the rollback; deploying the new spec instead");
            }
            if (upgrade != null) {
                return switch (upgrade.phase()) {
                    case SUSPENDED -> suspended(upgrade, last);
                    case STOPPING -> stopping(upgrade);
                    case DEPLOYING -> deploying(upgrade, last);
                };
            }
            SpecDiff.Result diff = SpecDiff.of(last, spec);
            return switch (diff.type()) {
                // without a path (a removed nonce; admission refuses a new one without a path) it is a plain upgrade
                case SAVEPOINT_REDEPLOY -> spec.job().initialSavepointPath() == null ? upgrade(last, UpgradeCause.SPEC_CHANGE) : redeployFromInitialSavepoint();
                case UPGRADE -> upgrade(last, UpgradeCause.SPEC_CHANGE);
                case SCALE -> rescale();
                case IGNORE -> steady(last, diff);
            };
        }

        // ---- first deployment ------------------------------------------------------------------------------

        private Decision<FlinkDeploymentStatus> firstDeployment() {
            StateLocation restore = spec.job().initialSavepointPath() == null
                    ? StateLocation.none()
                    : StateLocation.savepoint(spec.job().initialSavepointPath());
            UpgradeProgress progress = new UpgradeProgress(UpgradePhase.DEPLOYING, restore, newJobId(), now, 0);
            if (wantsSuspended()) {
                draft.reconciled(spec, ReconciliationState.DEPLOYED, now)
                        .upgrade(progress.withPhase(UpgradePhase.SUSPENDED, restore))
                        .lifecycle(ResourceLifecycleState.SUSPENDED);
                return done(settings.reconcileInterval());
            }
            draft.reconciled(spec, ReconciliationState.UPGRADING, now).upgrade(progress).lifecycle(ResourceLifecycleState.CREATED);
            event(EventReason.DEPLOYING, EventType.NORMAL, "deploying the cluster" + restoreText(restore));
            act(new Action.DeployCluster(spec, restore, progress.jobId()));
            return done(settings.progressInterval());
        }

        // ---- a change to a deployed job ----------------------------------------------------------------------

        private enum UpgradeCause { SPEC_CHANGE, RECOVERY }

        private Decision<FlinkDeploymentStatus> upgrade(FlinkDeploymentSpec last, UpgradeCause cause) {
            UpgradePath path = UpgradePlanner.plan(new UpgradePlanner.Situation(
                    spec.job().effectiveUpgradeMode(),
                    observed,
                    Option.of(draft.jobStatus()).flatMap(js -> Option.of(js.upgradeSavepointPath())),
                    last.flinkVersion() != spec.flinkVersion(),
                    settings.maxCheckpointAge(),
                    now));
            String jobId = newJobId();
            if (path instanceof UpgradePath.Wait wait) {
                draft.condition(runningCondition(false, "UpgradeWaiting", wait.reason().message()));
                event(EventReason.UPGRADE_WAITING, EventType.NORMAL, wait.reason() + ": " + wait.reason().message());
                return done(settings.progressInterval());
            }
            if (path instanceof UpgradePath.Blocked blocked) {
                draft.error(blocked.reason() + ": " + blocked.reason().message()).lifecycle(ResourceLifecycleState.FAILED)
                        .condition(runningCondition(false, blocked.reason().name(), blocked.reason().message()));
                event(EventReason.UPGRADE_BLOCKED, EventType.WARNING, blocked.reason() + ": " + blocked.reason().message());
                return done(settings.reconcileInterval());
            }
            draft.error(null);
            event(EventReason.UPGRADE_PATH_CHOSEN, EventType.NORMAL, (cause == UpgradeCause.RECOVERY ? "recovering: " : "") + describe(path));
            String runningJobId = observed.job().map(ObservedJob::jobId).getOrNull();
            if (path instanceof UpgradePath.ViaSavepoint) {
                String trigger = Ids.savepointTrigger(jobId, now.toEpochMilli(), 0);
                draft.reconciled(spec, ReconciliationState.UPGRADING, now)
                        .upgrade(new UpgradeProgress(UpgradePhase.STOPPING, StateLocation.pendingSavepoint(trigger), jobId, now, 0))
                        .lifecycle(ResourceLifecycleState.UPGRADING);
                act(new Action.StopJobWithSavepoint(runningJobId, trigger, false));
                return done(settings.progressInterval());
            }
            if (path instanceof UpgradePath.LastStateViaCancel cancel) {
                draft.reconciled(spec, ReconciliationState.UPGRADING, now)
                        .upgrade(new UpgradeProgress(UpgradePhase.STOPPING, StateLocation.checkpoint(cancel.checkpoint().path()), jobId, now, 0))
                        .lifecycle(ResourceLifecycleState.UPGRADING);
                act(new Action.CancelJob(runningJobId));
                return done(settings.progressInterval());
            }
            StateLocation restore = path instanceof UpgradePath.LastStateFromHa ? StateLocation.haMetadata()
                    : path instanceof UpgradePath.RestoreFrom from ? from.location()
                    : StateLocation.none();
            return replaceCluster(new UpgradeProgress(UpgradePhase.DEPLOYING, restore, jobId, now, 0));
        }

        private Decision<FlinkDeploymentStatus> redeployFromInitialSavepoint() {
            StateLocation restore = StateLocation.savepoint(spec.job().initialSavepointPath());
            event(EventReason.UPGRADE_PATH_CHOSEN, EventType.NORMAL, "savepointRedeployNonce changed: redeploying from " + restore.path());
            return replaceCluster(new UpgradeProgress(UpgradePhase.DEPLOYING, restore, newJobId(), now, 0));
        }

        private Decision<FlinkDeploymentStatus> rescale() {
            TaskManagerSpec tm = spec.taskManager();
            draft.reconciled(spec, ReconciliationState.DEPLOYED, now);
            event(EventReason.SCALING, EventType.NORMAL, "rescaling in place");
            act(new Action.Rescale(tm == null ? null : tm.replicas(), spec.job().parallelism()));
            return done(settings.progressInterval());
        }

        /**
         * The old job is stopped and its state is at {@code progress.restoreFrom()}: remove the cluster (keeping HA
         * metadata only when restoring from it) and deploy the desired spec, or stop there when it is suspended.
         */
        private Decision<FlinkDeploymentStatus> replaceCluster(UpgradeProgress progress) {
            StateLocation restore = progress.restoreFrom();
            if (restore.kind() == StateLocationKind.SAVEPOINT) {
                draft.job(currentJobId(), currentJobState(), now, restore.path());
            }
            boolean deleteHa = restore.kind() != StateLocationKind.HA_METADATA;
            if (wantsSuspended()) {
                draft.reconciled(spec, ReconciliationState.DEPLOYED, now)
                        .upgrade(progress.withPhase(UpgradePhase.SUSPENDED, restore))
                        .lifecycle(ResourceLifecycleState.SUSPENDED);
                event(EventReason.SUSPENDED, EventType.NORMAL, "job suspended; it resumes" + restoreText(restore));
                act(new Action.DeleteCluster(deleteHa));
                return done(settings.reconcileInterval());
            }
            draft.reconciled(spec, ReconciliationState.UPGRADING, now)
                    .upgrade(progress.withPhase(UpgradePhase.DEPLOYING, restore))
                    .lifecycle(ResourceLifecycleState.UPGRADING);
            event(EventReason.DEPLOYING, EventType.NORMAL, "deploying the new spec" + restoreText(restore));
            act(new Action.DeleteCluster(deleteHa));
            act(new Action.DeployCluster(spec, restore, progress.jobId()));
            return done(settings.progressInterval());
        }

        // ---- an upgrade in flight ---------------------------------------------------------------------------

        private Decision<FlinkDeploymentStatus> stopping(UpgradeProgress progress) {
            StateLocation restore = progress.restoreFrom();
            if (restore.kind() == StateLocationKind.PENDING_SAVEPOINT) {
                return awaitSavepoint(progress);
            }
            if (restore.kind() == StateLocationKind.CHECKPOINT) {
                return awaitCancellation(progress);
            }
            return replaceCluster(progress);
        }

        private Decision<FlinkDeploymentStatus> awaitSavepoint(UpgradeProgress progress) {
            TriggerResult result = observed.savepointTrigger().getOrElse(new TriggerResult.Unknown());
            if (result instanceof TriggerResult.Completed completed) {
                event(EventReason.SAVEPOINT_COMPLETED, EventType.NORMAL, "savepoint written to " + completed.path());
                return replaceCluster(progress.withPhase(UpgradePhase.DEPLOYING, StateLocation.savepoint(completed.path())));
            }
            if (result instanceof TriggerResult.InProgress) {
                return done(settings.progressInterval());
            }
            boolean jobRunning = observed.jobIs(FlinkJobState.RUNNING);
            if (result instanceof TriggerResult.Failed failed && jobRunning) {
                // the job keeps running with its state; a new attempt gets a new trigger id, after a backoff
                int attempts = progress.effectiveAttempts() + 1;
                String trigger = Ids.savepointTrigger(progress.jobId(), progress.startedAt().toEpochMilli(), attempts);
                draft.upgrade(new UpgradeProgress(UpgradePhase.STOPPING, StateLocation.pendingSavepoint(trigger), progress.jobId(), progress.startedAt(), attempts))
                        .error("savepoint failed (attempt " + attempts + "): " + failed.reason());
                event(EventReason.SAVEPOINT_FAILED, EventType.WARNING, "savepoint failed, the job keeps running and it is retried: " + failed.reason());
                return done(settings.backoff(attempts));
            }
            if (jobRunning) {
                // not sent yet, or the pass that sent it crashed first: send it under the recorded trigger id
                act(new Action.StopJobWithSavepoint(currentJobId(), restore(progress).savepointTriggerId(), false));
                return done(settings.progressInterval());
            }
            if (observed.jobIs(FlinkJobState.CANCELLING) || observed.job().exists(job -> !job.isTerminal())) {
                return done(settings.progressInterval());
            }
            // the job stopped without the savepoint (or the cluster is gone): restore from what state is left
            return upgradeFromStoppedJob(progress);
        }

        private Decision<FlinkDeploymentStatus> awaitCancellation(UpgradeProgress progress) {
            if (observed.jobIs(FlinkJobState.RUNNING)) {
                act(new Action.CancelJob(currentJobId()));
                return done(settings.progressInterval());
            }
            if (observed.job().exists(job -> !job.isTerminal())) {
                return done(settings.progressInterval());
            }
            // checkpoints may have completed while the cancellation ran: restore from the newest retained one
            StateLocation newest = observed.latestCheckpoint()
                    .map(cp -> StateLocation.checkpoint(cp.path()))
                    .getOrElse(restore(progress));
            return replaceCluster(progress.withPhase(UpgradePhase.DEPLOYING, newest));
        }

        private Decision<FlinkDeploymentStatus> upgradeFromStoppedJob(UpgradeProgress progress) {
            Option<StateLocation> left = observed.haMetadataUsable() ? Option.of(StateLocation.haMetadata())
                    : observed.latestCheckpoint().map(cp -> StateLocation.checkpoint(cp.path()))
                            .orElse(Option.of(draft.jobStatus()).flatMap(js -> Option.of(js.upgradeSavepointPath())).map(StateLocation::savepoint));
            if (left.isEmpty()) {
                String reason = "the job stopped without completing its savepoint and no checkpoint or HA metadata is left; "
                        + "set initialSavepointPath and change savepointRedeployNonce, or set upgradeMode stateless to start empty";
                draft.error(reason).lifecycle(ResourceLifecycleState.FAILED);
                event(EventReason.UPGRADE_BLOCKED, EventType.WARNING, reason);
                return done(settings.reconcileInterval());
            }
            return replaceCluster(progress.withPhase(UpgradePhase.DEPLOYING, left.get()));
        }

        private Decision<FlinkDeploymentStatus> deploying(UpgradeProgress progress, FlinkDeploymentSpec reconciled) {
            boolean rollingBack = draft.reconciliationState() == ReconciliationState.ROLLING_BACK;
            FlinkDeploymentSpec last = rollingBack ? draft.lastStableSpec() : reconciled;
            if (observed.jobManager() == JobManagerDeploymentStatus.MISSING) {
                // the deploy never ran (a crash right after recording it) or the cluster went away: deploy again,
                // from newer state if the job ran meanwhile and left some
                StateLocation restore = newerStateThan(progress.restoreFrom());
                draft.upgrade(progress.withPhase(UpgradePhase.DEPLOYING, restore));
                act(new Action.DeployCluster(last, restore, progress.jobId()));
                return done(settings.progressInterval());
            }
            boolean newJobRunning = observed.job().exists(job -> job.jobId().equals(progress.jobId()) && job.state() == FlinkJobState.RUNNING);
            if (observed.jobManager() == JobManagerDeploymentStatus.READY && newJobRunning) {
                if (rollingBack) {
                    draft.upgrade(null).state(ReconciliationState.ROLLED_BACK).lifecycle(ResourceLifecycleState.ROLLED_BACK)
                            .condition(runningCondition(true, "RolledBack", "the job runs the last stable spec"));
                    event(EventReason.ROLLED_BACK, EventType.WARNING, "rolled back: the job runs the last stable spec again");
                    return done(settings.reconcileInterval());
                }
                draft.upgrade(null).state(ReconciliationState.DEPLOYED).stable(last).error(null)
                        .lifecycle(ResourceLifecycleState.STABLE)
                        .condition(runningCondition(true, "JobRunning", "the job runs"));
                event(EventReason.RUNNING, EventType.NORMAL, "the job runs" + restoreText(progress.restoreFrom()));
                return done(settings.reconcileInterval());
            }
            if (!rollingBack && shouldRollBack(progress)) {
                return spec.equals(last) ? rollBack(progress)
                        : newChangeWins(progress, last, "the upgraded spec did not run in time and the spec changed since; deploying the new spec");
            }
            return done(settings.progressInterval());
        }

        /** A deployment in flight is replaced by the user's newer spec, from the state it was going to use. */
        private Decision<FlinkDeploymentStatus> newChangeWins(UpgradeProgress progress, FlinkDeploymentSpec last, String why) {
            event(EventReason.SPEC_CHANGED, EventType.NORMAL, why);
            if (stateWouldBeDropped(progress.restoreFrom())) {
                return upgrade(last, UpgradeCause.SPEC_CHANGE);
            }
            return replaceCluster(new UpgradeProgress(UpgradePhase.DEPLOYING, newerStateThan(progress.restoreFrom()), newJobId(), now, 0));
        }

        /** An upgrade (not a first deployment) that did not become ready in time, with a stable spec to go back to. */
        private boolean shouldRollBack(UpgradeProgress progress) {
            FlinkDeploymentSpec stable = draft.lastStableSpec();
            return settings.rollback() && stable != null && !stable.equals(draft.lastReconciledSpec())
                    && stable.job().effectiveState() == JobState.RUNNING
                    && Duration.between(progress.startedAt(), now).compareTo(settings.readinessTimeout()) > 0;
        }

        /** Back to the last stable spec, from the state the upgrade recorded (the old job's), keeping the failed spec as reconciled. */
        private Decision<FlinkDeploymentStatus> rollBack(UpgradeProgress progress) {
            StateLocation restore = newerStateThan(progress.restoreFrom());
            if (stateWouldBeDropped(restore)) {
                // the upgrade started empty, but a stateful job runs now: going back empty would lose its state
                String why = "the new spec did not run within " + settings.readinessTimeout().toSeconds() + "s, and rolling back would start "
                        + "the last stable spec without the running job's state; fix the spec, or set upgradeMode stateless to allow that";
                draft.error(why).lifecycle(ResourceLifecycleState.FAILED);
                event(EventReason.UPGRADE_BLOCKED, EventType.WARNING, why);
                return done(settings.reconcileInterval());
            }
            UpgradeProgress back = new UpgradeProgress(UpgradePhase.DEPLOYING, restore, newJobId(), now, 0);
            String why = "the new spec did not run within " + settings.readinessTimeout().toSeconds() + "s; rolling back to the last stable spec";
            draft.state(ReconciliationState.ROLLING_BACK).upgrade(back).lifecycle(ResourceLifecycleState.ROLLING_BACK).error(why);
            event(EventReason.ROLLING_BACK, EventType.WARNING, why + restoreText(restore));
            act(new Action.DeleteCluster(restore.kind() != StateLocationKind.HA_METADATA));
            act(new Action.DeployCluster(draft.lastStableSpec(), restore, back.jobId()));
            return done(settings.progressInterval());
        }

        private Decision<FlinkDeploymentStatus> suspended(UpgradeProgress progress, FlinkDeploymentSpec last) {
            if (stateWouldBeDropped(progress.restoreFrom())) {
                // suspended without state, but a job is still there and the user now wants state kept: keep it
                return upgrade(last, UpgradeCause.SPEC_CHANGE);
            }
            if (wantsSuspended()) {
                if (!spec.equals(last)) {
                    draft.reconciled(spec, ReconciliationState.DEPLOYED, now);
                }
                draft.lifecycle(ResourceLifecycleState.SUSPENDED);
                if (observed.jobManager() != JobManagerDeploymentStatus.MISSING) {
                    // the pass that suspended crashed before removing the cluster: record the newest state, then remove it
                    StateLocation restore = newerStateThan(progress.restoreFrom());
                    draft.upgrade(progress.withPhase(UpgradePhase.SUSPENDED, restore));
                    act(new Action.DeleteCluster(restore.kind() != StateLocationKind.HA_METADATA));
                    return done(settings.progressInterval());
                }
                return done(settings.reconcileInterval());
            }
            boolean redeploy = !Objects.equals(last.job().savepointRedeployNonce(), spec.job().savepointRedeployNonce())
                    && spec.job().initialSavepointPath() != null;
            StateLocation restore = redeploy ? StateLocation.savepoint(spec.job().initialSavepointPath()) : newerStateThan(progress.restoreFrom());
            UpgradeProgress resuming = new UpgradeProgress(UpgradePhase.DEPLOYING, restore, newJobId(), now, 0);
            draft.reconciled(spec, ReconciliationState.UPGRADING, now).upgrade(resuming).lifecycle(ResourceLifecycleState.UPGRADING);
            event(EventReason.RESUMING, EventType.NORMAL, "resuming" + restoreText(restore));
            if (observed.jobManager() != JobManagerDeploymentStatus.MISSING) {
                act(new Action.DeleteCluster(restore.kind() != StateLocationKind.HA_METADATA));
            }
            act(new Action.DeployCluster(spec, restore, resuming.jobId()));
            return done(settings.progressInterval());
        }

        /**
         * Whether acting on a recorded empty start would now drop state: the user has since chosen a mode that keeps
         * state, and a job is still there whose state a savepoint or checkpoint can take. Then the way is planned again.
         */
        private boolean stateWouldBeDropped(StateLocation recorded) {
            return !recorded.carriesState() && spec.job().effectiveUpgradeMode() != UpgradeMode.STATELESS
                    && observed.jobManager() != JobManagerDeploymentStatus.MISSING && observed.job().isDefined();
        }

        /** For a stateful job: HA metadata or a checkpoint the world shows now beat a recorded empty start. */
        private StateLocation newerStateThan(StateLocation recorded) {
            if (recorded.carriesState() || spec.job().effectiveUpgradeMode() == UpgradeMode.STATELESS) {
                return recorded;
            }
            if (observed.haMetadataUsable()) {
                return StateLocation.haMetadata();
            }
            return observed.latestCheckpoint().map(cp -> StateLocation.checkpoint(cp.path())).getOrElse(recorded);
        }

        // ---- nothing to change ------------------------------------------------------------------------------

        private Decision<FlinkDeploymentStatus> steady(FlinkDeploymentSpec last, SpecDiff.Result diff) {
            if (!diff.isEmpty()) {
                draft.reconciled(spec, ReconciliationState.DEPLOYED, now);
            }
            FlinkDeploymentSpec current = diff.isEmpty() ? last : spec;
            if (observed.jobManager() == JobManagerDeploymentStatus.MISSING) {
                if (!settings.recoverJobManager()) {
                    String why = "the JobManager deployment is missing and " + FlinkOptions.JM_RECOVERY + " is false; set it to true, or change the spec to redeploy";
                    draft.error(why).lifecycle(ResourceLifecycleState.FAILED).condition(runningCondition(false, "JobManagerMissing", why));
                    event(EventReason.JOB_MANAGER_MISSING, EventType.WARNING, why);
                    return done(settings.reconcileInterval());
                }
                // the cluster is gone: bring it back per the upgrade mode, never empty for a stateful job
                return upgrade(current, UpgradeCause.RECOVERY);
            }
            manualSnapshots(last);
            if (observed.jobIs(FlinkJobState.FAILED)) {
                return failedJob(current);
            }
            boolean rolledBack = draft.reconciliationState() == ReconciliationState.ROLLED_BACK && diff.isEmpty();
            if (rolledBack && observed.jobIs(FlinkJobState.RUNNING)) {
                // the failed spec stays recorded, so it is not tried again until the user changes the spec
                draft.lifecycle(ResourceLifecycleState.ROLLED_BACK);
                return done(settings.reconcileInterval());
            }
            if (observed.jobIs(FlinkJobState.RUNNING) && observed.jobManager() == JobManagerDeploymentStatus.READY) {
                ClusterHealthCheck.Verdict health = ClusterHealthCheck.evaluate(settings.health(), draft.health(), observed,
                        new JobStatusView(draft.jobStatus()).startTime().getOrElse(now), spec.configuration().containsKey(FlinkOptions.CHECKPOINT_INTERVAL), now);
                draft.health(health.remember());
                if (health.problem().isDefined()) {
                    event(EventReason.CLUSTER_UNHEALTHY, EventType.WARNING, "restarting the job: " + health.problem().get());
                    return upgrade(current, UpgradeCause.RECOVERY);
                }
                draft.lifecycle(ResourceLifecycleState.STABLE).stable(current).error(null)
                        .condition(runningCondition(true, "JobRunning", "the job runs"));
                Duration untilNext = periodicSnapshot(true, FlinkOptions.PERIODIC_SAVEPOINT_INTERVAL);
                untilNext = min(untilNext, periodicSnapshot(false, FlinkOptions.PERIODIC_CHECKPOINT_INTERVAL));
                return done(min(settings.reconcileInterval(), untilNext));
            }
            String state = observed.jobState().map(FlinkJobState::spelling).getOrElse("unknown");
            draft.lifecycle(observed.jobIs(FlinkJobState.FAILED) ? ResourceLifecycleState.FAILED : ResourceLifecycleState.DEPLOYED)
                    .condition(runningCondition(false, "Job" + state, "the job is " + state));
            return done(settings.progressInterval());
        }

        private Decision<FlinkDeploymentStatus> failedJob(FlinkDeploymentSpec current) {
            if (settings.restartFailedJobs()) {
                event(EventReason.JOB_FAILED, EventType.WARNING, "the job failed; restarting it (" + FlinkOptions.JOB_RESTART_FAILED + ")");
                return upgrade(current, UpgradeCause.RECOVERY);
            }
            String why = "the job failed; see the JobManager log, then change the spec (or restartNonce) to redeploy, "
                    + "or set " + FlinkOptions.JOB_RESTART_FAILED + ": true to restart failed jobs automatically";
            draft.error(why).lifecycle(ResourceLifecycleState.FAILED).condition(runningCondition(false, "JobFailed", why));
            event(EventReason.JOB_FAILED, EventType.WARNING, why);
            return done(settings.reconcileInterval());
        }

        /** A changed savepointTriggerNonce or checkpointTriggerNonce asks for one snapshot, named after the nonce. */
        private void manualSnapshots(FlinkDeploymentSpec last) {
            Long savepointNonce = spec.job().savepointTriggerNonce();
            if (savepointNonce != null && !savepointNonce.equals(last.job().savepointTriggerNonce())) {
                createSnapshot(SnapshotTriggerType.MANUAL, true, "nonce-" + savepointNonce);
            }
            Long checkpointNonce = spec.job().checkpointTriggerNonce();
            if (checkpointNonce != null && !checkpointNonce.equals(last.job().checkpointTriggerNonce())) {
                createSnapshot(SnapshotTriggerType.MANUAL, false, "nonce-" + checkpointNonce);
            }
        }

        /**
         * Creates the periodic snapshot when it is due, recording the request time first; returns how long until
         * the next one is due (the reconcile interval when there is no schedule).
         */
        private Duration periodicSnapshot(boolean savepoint, String intervalKey) {
            JobStatusView job = new JobStatusView(draft.jobStatus());
            Option<Instant> last = savepoint ? job.lastPeriodicSavepoint() : job.lastPeriodicCheckpoint();
            Option<Instant> due = SnapshotSchedule.nextDue(spec.configuration().get(intervalKey), last, job.startTime().getOrElse(now));
            if (due.isEmpty()) {
                return settings.reconcileInterval();
            }
            if (due.get().isAfter(now)) {
                return Duration.between(now, due.get());
            }
            draft.periodicSnapshot(savepoint, now);
            createSnapshot(SnapshotTriggerType.PERIODIC, savepoint, Long.toString(now.getEpochSecond()));
            return SnapshotSchedule.nextDue(spec.configuration().get(intervalKey), Option.of(now), now)
                    .map(next -> Duration.between(now, next)).getOrElse(settings.reconcileInterval());
        }

        private void createSnapshot(SnapshotTriggerType type, boolean savepoint, String suffix) {
            var snapshot = SnapshotSchedule.snapshot(resource.metadata(), JobKind.FLINK_DEPLOYMENT, type, savepoint, suffix, spec.configuration());
            event(EventReason.SNAPSHOT_TRIGGERED, EventType.NORMAL, type.spelling().toLowerCase(java.util.Locale.ROOT) + " "
                    + (savepoint ? "savepoint" : "checkpoint") + " requested as " + snapshot.metadata().name());
            act(new Action.CreateSnapshot(snapshot));
        }

        /** The recorded job status, read without null checks at every use. */
        private record JobStatusView(org.flinkop.domain.resource.JobStatus status) {
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

        private static Duration min(Duration a, Duration b) {
            return a.compareTo(b) <= 0 ? a : b;
        }

        // ---- helpers ---------------------------------------------------------------------------------------

        private boolean wantsSuspended() {
            return spec.job().effectiveState() == JobState.SUSPENDED;
        }

        private String newJobId() {
            Long generation = resource.metadata().generation();
            return Ids.jobId(String.valueOf(resource.metadata().uid()), resource.key(), generation == null ? 0 : generation, now.toEpochMilli());
        }

        private String currentJobId() {
            return observed.job().map(ObservedJob::jobId)
                    .orElse(Option.of(draft.jobStatus()).flatMap(js -> Option.of(js.jobId())))
                    .getOrNull();
        }

        private FlinkJobState currentJobState() {
            return observed.jobState().orElse(Option.of(draft.jobStatus()).flatMap(js -> Option.of(js.state()))).getOrNull();
        }

        private static StateLocation restore(UpgradeProgress progress) {
            return progress.restoreFrom();
        }

        private Condition runningCondition(boolean running, String reason, String message) {
            return new Condition(Conditions.RUNNING, running ? "True" : "False", reason, message, now, resource.metadata().generation());
        }

        private void act(Action action) {
            actions = actions.append(action);
        }

        private void event(EventReason reason, EventType type, String message) {
            act(new Action.RecordEvent(reason, type, message));
        }

        private Decision<FlinkDeploymentStatus> done(Duration lookAgain) {
            return new Decision<>(draft.build(), actions, lookAgain);
        }

        private static String restoreText(StateLocation restore) {
            return switch (restore.kind()) {
                case NONE -> " with empty state";
                case SAVEPOINT -> " from savepoint " + restore.path();
                case CHECKPOINT -> " from checkpoint " + restore.path();
                case HA_METADATA -> " from the checkpoint in HA metadata";
                case PENDING_SAVEPOINT -> " from savepoint " + restore.savepointTriggerId() + " (being written)";
            };
        }

        private static String describe(UpgradePath path) {
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
                return "the job is not running: redeploy" + restoreText(from.location());
            }
            return path.toString();
        }
    }
}
