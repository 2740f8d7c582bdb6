package org.flinkop.domain.reconcile;

import io.vavr.collection.List;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.flinkop.domain.decision.Action;
import org.flinkop.domain.decision.Action.EventType;
import org.flinkop.domain.decision.Decision;
import org.flinkop.domain.decision.EventReason;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.diff.SpecDiff;
import org.flinkop.domain.observe.Observed;
import org.flinkop.domain.observe.ObservedJob;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.resource.Condition;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.FlinkSessionJobSpec;
import org.flinkop.domain.resource.FlinkSessionJobStatus;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.JobState;
import org.flinkop.domain.resource.ReconciliationState;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.domain.resource.StateLocationKind;
import org.flinkop.domain.resource.UpgradeMode;
import org.flinkop.domain.resource.UpgradePhase;
import org.flinkop.domain.resource.UpgradeProgress;
import org.flinkop.domain.upgrade.UpgradePath;
import org.flinkop.domain.upgrade.UpgradePlanner;

/**
 * Decides one pass for a FlinkSessionJob. The same upgrade paths as an application, with two differences: a
 * session job has no HA metadata of its own to restore from (last-state goes through its latest checkpoint), and
 * replacing a job means cancelling or stopping it and submitting the new one, never touching the cluster.
 * {@code observed.jobManager()} is the session cluster's. Write-ahead as in {@link ApplicationDecider}. Pure.
 */
public final class SessionJobDecider {

    private SessionJobDecider() {
    }

    public static Decision<FlinkSessionJobStatus> decide(FlinkSessionJob desired, Observed observed, Instant now, OperatorSettings operatorDefaults) {
        Objects.requireNonNull(desired.spec(), "spec");
        Objects.requireNonNull(desired.spec().job(), "a session job has a job");
        // a session job is restored from its own savepoints and checkpoints, never from the cluster's HA metadata
        Observed withoutHa = new Observed(observed.jobManager(), observed.job(), false, false, observed.latestCheckpoint(), observed.savepointTrigger(),
                observed.restarts());
        return new Pass(desired, withoutHa, now, operatorDefaults.overriddenBy(desired.spec().configuration())).decide();
    }

    private static final class Pass {
        private final FlinkSessionJob resource;
        private final FlinkSessionJobSpec spec;
        private final Observed observed;
        private final Instant now;
        private final OperatorSettings settings;
        private final SessionJobStatusDraft draft;
        private List<Action> actions = List.empty();

        Pass(FlinkSessionJob resource, Observed observed, Instant now, OperatorSettings settings) {
            this.resource = resource;
            this.spec = resource.spec();
            this.observed = observed;
            this.now = now;
            this.settings = settings;
            this.draft = new SessionJobStatusDraft(resource.status()).observedGeneration(resource.metadata().generation());
            observed.job().forEach(job -> draft.job(job.jobId(), job.state(), now, null));
        }

        Decision<FlinkSessionJobStatus> decide() {
            if (resource.metadata().deletionTimestamp() != null) {
                return deleting();
            }
            FlinkSessionJobSpec last = draft.lastReconciledSpec();
            if (last == null) {
                return first();
            }
            UpgradeProgress upgrade = draft.upgrade();
            if (upgrade != null) {
                return switch (upgrade.phase()) {
                    case SUSPENDED -> suspended(upgrade, last);
                    case STOPPING -> stopping(upgrade);
                    case DEPLOYING -> submitted(upgrade, last);
                };
            }
            SpecDiff.Result diff = SpecDiff.of(last, spec);
            return switch (diff.type()) {
                case SAVEPOINT_REDEPLOY -> spec.job().initialSavepointPath() == null ? upgrade()
                        : replace(new UpgradeProgress(UpgradePhase.DEPLOYING, StateLocation.savepoint(spec.job().initialSavepointPath()), newJobId(), now, 0));
                case UPGRADE, SCALE -> upgrade();
                case IGNORE -> steady(diff);
            };
        }

        private Decision<FlinkSessionJobStatus> first() {
            StateLocation restore = spec.job().initialSavepointPath() == null ? StateLocation.none() : StateLocation.savepoint(spec.job().initialSavepointPath());
            UpgradeProgress progress = new UpgradeProgress(UpgradePhase.DEPLOYING, restore, newJobId(), now, 0);
            if (wantsSuspended()) {
                draft.reconciled(spec, ReconciliationState.DEPLOYED, now).upgrade(progress.withPhase(UpgradePhase.SUSPENDED, restore))
                        .lifecycle(ResourceLifecycleState.SUSPENDED);
                return done(settings.reconcileInterval());
            }
            if (observed.jobManager() != JobManagerDeploymentStatus.READY) {
                return waitForCluster(ResourceLifecycleState.CREATED);
            }
            draft.reconciled(spec, ReconciliationState.UPGRADING, now).upgrade(progress).lifecycle(ResourceLifecycleState.CREATED);
            event(EventReason.DEPLOYING, EventType.NORMAL, "submitting the job to " + spec.deploymentName());
            act(new Action.SubmitJob(spec, restore, progress.jobId()));
            return done(settings.progressInterval());
        }

        private Decision<FlinkSessionJobStatus> upgrade() {
            if (observed.jobManager() != JobManagerDeploymentStatus.READY) {
                return waitForCluster(ResourceLifecycleState.UPGRADING);
            }
            UpgradePath path = UpgradePlanner.plan(new UpgradePlanner.Situation(spec.job().effectiveUpgradeMode(), observed,
                    Option.of(draft.jobStatus()).flatMap(js -> Option.of(js.upgradeSavepointPath())), false, settings.maxCheckpointAge(), now));
            String jobId = newJobId();
            String running = observed.job().filter(job -> !job.isTerminal()).map(ObservedJob::jobId).getOrNull();
            if (path instanceof UpgradePath.Wait wait) {
                event(EventReason.UPGRADE_WAITING, EventType.NORMAL, wait.reason() + ": " + wait.reason().message());
                return done(settings.progressInterval());
            }
            if (path instanceof UpgradePath.Blocked blocked) {
                draft.error(blocked.reason() + ": " + blocked.reason().message()).lifecycle(ResourceLifecycleState.FAILED);
                event(EventReason.UPGRADE_BLOCKED, EventType.WARNING, blocked.reason() + ": " + blocked.reason().message());
                return done(settings.reconcileInterval());
            }
            draft.error(null);
            if (path instanceof UpgradePath.ViaSavepoint) {
                String trigger = Ids.savepointTrigger(jobId, now.toEpochMilli(), 0);
                draft.reconciled(spec, ReconciliationState.UPGRADING, now)
                        .upgrade(new UpgradeProgress(UpgradePhase.STOPPING, StateLocation.pendingSavepoint(trigger), jobId, now, 0))
                        .lifecycle(ResourceLifecycleState.UPGRADING);
                act(new Action.StopJobWithSavepoint(running, trigger, false));
                return done(settings.progressInterval());
            }
            if (path instanceof UpgradePath.LastStateViaCancel cancel) {
                draft.reconciled(spec, ReconciliationState.UPGRADING, now)
                        .upgrade(new UpgradeProgress(UpgradePhase.STOPPING, StateLocation.checkpoint(cancel.checkpoint().path()), jobId, now, 0))
                        .lifecycle(ResourceLifecycleState.UPGRADING);
                act(new Action.CancelJob(running));
                return done(settings.progressInterval());
            }
            StateLocation restore = path instanceof UpgradePath.RestoreFrom from ? from.location() : StateLocation.none();
            if (running != null) {
                // stateless: the old job is cancelled right after its empty successor is recorded
                act(new Action.CancelJob(running));
            }
            return replace(new UpgradeProgress(UpgradePhase.DEPLOYING, restore, jobId, now, 0));
        }

        /** The old job is stopped: submit the desired spec from {@code progress.restoreFrom()}, or rest when it is suspended. */
        private Decision<FlinkSessionJobStatus> replace(UpgradeProgress progress) {
            StateLocation restore = progress.restoreFrom();
            if (restore.kind() == StateLocationKind.SAVEPOINT) {
                draft.job(currentJobId(), observed.jobState().getOrNull(), now, restore.path());
            }
            if (wantsSuspended()) {
                draft.reconciled(spec, ReconciliationState.DEPLOYED, now).upgrade(progress.withPhase(UpgradePhase.SUSPENDED, restore))
                        .lifecycle(ResourceLifecycleState.SUSPENDED);
                event(EventReason.SUSPENDED, EventType.NORMAL, "job suspended");
                return done(settings.reconcileInterval());
            }
            draft.reconciled(spec, ReconciliationState.UPGRADING, now).upgrade(progress.withPhase(UpgradePhase.DEPLOYING, restore))
                    .lifecycle(ResourceLifecycleState.UPGRADING);
            event(EventReason.DEPLOYING, EventType.NORMAL, "submitting the new spec");
            act(new Action.SubmitJob(spec, restore, progress.jobId()));
            return done(settings.progressInterval());
        }

        private Decision<FlinkSessionJobStatus> stopping(UpgradeProgress progress) {
            StateLocation restore = progress.restoreFrom();
            boolean running = observed.jobIs(FlinkJobState.RUNNING);
            boolean transitioning = observed.job().exists(job -> !job.isTerminal() && job.state() != FlinkJobState.RUNNING);
            if (restore.kind() == StateLocationKind.CHECKPOINT) {
                if (running) {
                    act(new Action.CancelJob(currentJobId()));
                }
                if (running || transitioning) {
                    return done(settings.progressInterval());
                }
                StateLocation newest = observed.latestCheckpoint().map(cp -> StateLocation.checkpoint(cp.path())).getOrElse(restore);
                return replace(progress.withPhase(UpgradePhase.DEPLOYING, newest));
            }
            TriggerResult result = observed.savepointTrigger().getOrElse(new TriggerResult.Unknown());
            if (result instanceof TriggerResult.Completed completed) {
                event(EventReason.SAVEPOINT_COMPLETED, EventType.NORMAL, "savepoint written to " + completed.path());
                return replace(progress.withPhase(UpgradePhase.DEPLOYING, StateLocation.savepoint(completed.path())));
            }
            if (result instanceof TriggerResult.InProgress || transitioning) {
                return done(settings.progressInterval());
            }
            if (result instanceof TriggerResult.Failed failed && running) {
                int attempts = progress.effectiveAttempts() + 1;
                String trigger = Ids.savepointTrigger(progress.jobId(), progress.startedAt().toEpochMilli(), attempts);
                draft.upgrade(new UpgradeProgress(UpgradePhase.STOPPING, StateLocation.pendingSavepoint(trigger), progress.jobId(), progress.startedAt(), attempts))
                        .error("savepoint failed (attempt " + attempts + "): " + failed.reason());
                event(EventReason.SAVEPOINT_FAILED, EventType.WARNING, "savepoint failed, the job keeps running and it is retried: " + failed.reason());
                return done(settings.backoff(attempts));
            }
            if (running) {
                act(new Action.StopJobWithSavepoint(currentJobId(), restore.savepointTriggerId(), false));
                return done(settings.progressInterval());
            }
            Option<StateLocation> left = observed.latestCheckpoint().map(cp -> StateLocation.checkpoint(cp.path()))
                    .orElse(Option.of(draft.jobStatus()).flatMap(js -> Option.of(js.upgradeSavepointPath())).map(StateLocation::savepoint));
            if (left.isEmpty()) {
                String why = "the job stopped without completing its savepoint and no checkpoint is left; "
                        + "set initialSavepointPath and change savepointRedeployNonce, or set upgradeMode stateless to start empty";
                draft.error(why).lifecycle(ResourceLifecycleState.FAILED);
                event(EventReason.UPGRADE_BLOCKED, EventType.WARNING, why);
                return done(settings.reconcileInterval());
            }
            return replace(progress.withPhase(UpgradePhase.DEPLOYING, left.get()));
        }

        private Decision<FlinkSessionJobStatus> submitted(UpgradeProgress progress, FlinkSessionJobSpec last) {
            if (observed.jobManager() != JobManagerDeploymentStatus.READY) {
                return waitForCluster(draft.jobStatus() == null ? ResourceLifecycleState.CREATED : ResourceLifecycleState.UPGRADING);
            }
            Option<ObservedJob> ours = observed.job().filter(job -> job.jobId().equals(progress.jobId()));
            if (ours.exists(job -> job.state() == FlinkJobState.RUNNING)) {
                draft.upgrade(null).stable(last).error(null).lifecycle(ResourceLifecycleState.STABLE)
                        .condition(running(true, "JobRunning", "the job runs"));
                event(EventReason.RUNNING, EventType.NORMAL, "the job runs");
                return done(settings.reconcileInterval());
            }
            if (ours.isEmpty()) {
                // the submission never happened (a crash after recording it), or the cluster lost it: submit again,
                // after cancelling the old job if the crash came before that too (its state is recorded)
                Option<ObservedJob> stale = observed.job().filter(job -> !job.isTerminal() && !job.jobId().equals(progress.jobId()));
                if (stale.isDefined() && !progress.restoreFrom().carriesState() && spec.job().effectiveUpgradeMode() != UpgradeMode.STATELESS) {
                    // the user has since asked to keep state this empty submission would drop: plan again
                    return upgrade();
                }
                stale.forEach(job -> act(new Action.CancelJob(job.jobId())));
                StateLocation restore = newerStateThan(progress.restoreFrom());
                draft.upgrade(progress.withPhase(UpgradePhase.DEPLOYING, restore));
                act(new Action.SubmitJob(last, restore, progress.jobId()));
            }
            return done(settings.progressInterval());
        }

        private Decision<FlinkSessionJobStatus> suspended(UpgradeProgress progress, FlinkSessionJobSpec last) {
            boolean jobThere = observed.job().exists(job -> !job.isTerminal());
            if (jobThere && !progress.restoreFrom().carriesState() && spec.job().effectiveUpgradeMode() != UpgradeMode.STATELESS) {
                // suspended without state, but a job is still there and the user now wants state kept
                return upgrade();
            }
            if (wantsSuspended()) {
                if (!spec.equals(last)) {
                    draft.reconciled(spec, ReconciliationState.DEPLOYED, now);
                }
                draft.lifecycle(ResourceLifecycleState.SUSPENDED);
                if (jobThere) {
                    act(new Action.CancelJob(currentJobId()));
                }
                return done(jobThere ? settings.progressInterval() : settings.reconcileInterval());
            }
            if (observed.jobManager() != JobManagerDeploymentStatus.READY) {
                return waitForCluster(ResourceLifecycleState.SUSPENDED);
            }
            boolean redeploy = !Objects.equals(last.job().savepointRedeployNonce(), spec.job().savepointRedeployNonce()) && spec.job().initialSavepointPath() != null;
            StateLocation restore = redeploy ? StateLocation.savepoint(spec.job().initialSavepointPath()) : newerStateThan(progress.restoreFrom());
            UpgradeProgress resuming = new UpgradeProgress(UpgradePhase.DEPLOYING, restore, newJobId(), now, 0);
            draft.reconciled(spec, ReconciliationState.UPGRADING, now).upgrade(resuming).lifecycle(ResourceLifecycleState.UPGRADING);
            event(EventReason.RESUMING, EventType.NORMAL, "resuming");
            act(new Action.SubmitJob(spec, restore, resuming.jobId()));
            return done(settings.progressInterval());
        }

        private Decision<FlinkSessionJobStatus> steady(SpecDiff.Result diff) {
            if (!diff.isEmpty()) {
                draft.reconciled(spec, ReconciliationState.DEPLOYED, now);
            }
            if (observed.jobManager() != JobManagerDeploymentStatus.READY) {
                return waitForCluster(ResourceLifecycleState.DEPLOYED);
            }
            if (observed.jobIs(FlinkJobState.RUNNING)) {
                draft.stable(spec).lifecycle(ResourceLifecycleState.STABLE).error(null).condition(running(true, "JobRunning", "the job runs"));
                return done(settings.reconcileInterval());
            }
            if (observed.jobIs(FlinkJobState.FAILED) && !settings.restartFailedJobs()) {
                String why = "the job failed" + observed.failureSuffix() + "; change the spec (or restartNonce) to submit it again, or set kubernetes.operator.job.restart.failed: true";
                draft.error(why).lifecycle(ResourceLifecycleState.FAILED).condition(running(false, "JobFailed", why));
                event(EventReason.JOB_FAILED, EventType.WARNING, why);
                return done(settings.reconcileInterval());
            }
            if (observed.job().isEmpty() || observed.jobIs(FlinkJobState.FAILED)) {
                // gone from the cluster (the cluster was redeployed) or failed with restarts on: bring it back per its mode
                return upgrade();
            }
            return done(settings.progressInterval());
        }

        private Decision<FlinkSessionJobStatus> deleting() {
            Option<ObservedJob> live = observed.job().filter(job -> !job.isTerminal());
            if (live.isDefined() && observed.jobManager() == JobManagerDeploymentStatus.READY) {
                draft.lifecycle(ResourceLifecycleState.DELETING);
                event(EventReason.DELETING, EventType.NORMAL, "cancelling the job");
                if (live.get().state() == FlinkJobState.RUNNING) {
                    act(new Action.CancelJob(live.get().jobId()));
                }
                return done(settings.progressInterval());
            }
            draft.lifecycle(ResourceLifecycleState.DELETED);
            act(new Action.ReleaseResource());
            return done(Duration.ZERO);
        }

        private StateLocation newerStateThan(StateLocation recorded) {
            if (recorded.carriesState() || spec.job().effectiveUpgradeMode() == UpgradeMode.STATELESS) {
                return recorded;
            }
            return observed.latestCheckpoint().map(cp -> StateLocation.checkpoint(cp.path())).getOrElse(recorded);
        }

        private Decision<FlinkSessionJobStatus> waitForCluster(ResourceLifecycleState lifecycle) {
            String why = "waiting for the session cluster " + spec.deploymentName() + " to be ready";
            draft.lifecycle(lifecycle).condition(running(false, "SessionClusterNotReady", why));
            return done(settings.progressInterval());
        }

        private boolean wantsSuspended() {
            return spec.job().effectiveState() == JobState.SUSPENDED;
        }

        private String newJobId() {
            Long generation = resource.metadata().generation();
            String key = "session-job:" + resource.metadata().uid() + ":" + resource.key() + ":" + (generation == null ? 0 : generation) + ":" + now.toEpochMilli();
            return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
        }

        private String currentJobId() {
            return observed.job().map(ObservedJob::jobId).orElse(Option.of(draft.jobStatus()).flatMap(js -> Option.of(js.jobId()))).getOrNull();
        }

        private Condition running(boolean isRunning, String reason, String message) {
            return new Condition(Conditions.RUNNING, isRunning ? "True" : "False", reason, message, now, resource.metadata().generation());
        }

        private void act(Action action) {
            actions = actions.append(action);
        }

        private void event(EventReason reason, EventType type, String message) {
            act(new Action.RecordEvent(reason, type, message));
        }

        private Decision<FlinkSessionJobStatus> done(Duration lookAgain) {
            return new Decision<>(draft.build(), actions, lookAgain);
        }
    }
}
