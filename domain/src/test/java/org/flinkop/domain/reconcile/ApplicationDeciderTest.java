package org.flinkop.domain.reconcile;

import org.flinkop.domain.decision.Decision;
import org.flinkop.domain.decision.Action;
import org.flinkop.domain.decision.EventReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.domain.reconcile.Worlds.T0;
import static org.flinkop.domain.reconcile.Worlds.application;
import static org.flinkop.domain.reconcile.Worlds.job;
import static org.flinkop.domain.reconcile.Worlds.missing;
import static org.flinkop.domain.reconcile.Worlds.running;
import static org.flinkop.domain.reconcile.Worlds.withCheckpoint;
import static org.flinkop.domain.reconcile.Worlds.withHa;
import static org.flinkop.domain.reconcile.Worlds.withJobManager;
import static org.flinkop.domain.reconcile.Worlds.withTrigger;
import static org.flinkop.domain.reconcile.Worlds.withoutHaSupport;

import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import org.flinkop.domain.Docs;
import org.flinkop.domain.observe.Observed;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.ReconciliationState;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.domain.resource.UpgradePhase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ApplicationDeciderTest {

    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);

    /** A resource deployed and running as job {@code jobId}, with the given upgrade mode. */
    private static Run runningAs(String upgradeMode) {
        Run run = new Run(application(upgradeMode));
        run.pass(missing(), T0);
        run.pass(running(run.pendingJobId()), T0.plusSeconds(5));
        assertThat(run.status().lifecycleState()).isEqualTo(ResourceLifecycleState.STABLE);
        return run;
    }

    private static String jobIdOf(Run run) {
        return run.status().jobStatus().jobId();
    }

    private static FlinkDeploymentSpec withParallelism(Run run, int parallelism) {
        return Worlds.deployment(Docs.set(Docs.set(Docs.application(), "spec.job.upgradeMode", run.resource().spec().job().effectiveUpgradeMode().spelling()),
                "spec.job.parallelism", parallelism)).spec();
    }

    private static List<Class<?>> effectTypes(Decision<FlinkDeploymentStatus> d) {
        return d.effects().map(Object::getClass);
    }

    @Nested
    class FirstDeployment {

        @Test
        void deploys_from_empty_state_and_records_it_first() {
            Run run = new Run(application("savepoint"));

            Decision<FlinkDeploymentStatus> d = run.pass(missing(), T0);

            assertThat(d.effects()).singleElement().isInstanceOfSatisfying(Action.DeployCluster.class, deploy -> {
                assertThat(deploy.restoreFrom()).isEqualTo(StateLocation.none());
                assertThat(deploy.jobId()).hasSize(32).isEqualTo(run.pendingJobId());
            });
            assertThat(run.status().reconciliationStatus().state()).isEqualTo(ReconciliationState.UPGRADING);
            assertThat(run.status().reconciliationStatus().lastReconciledSpec()).isEqualTo(run.resource().spec());
            assertThat(run.status().lifecycleState()).isEqualTo(ResourceLifecycleState.CREATED);
            assertThat(run.status().observedGeneration()).isEqualTo(run.resource().metadata().generation());
            assertThat(d.lookAgainAfter()).isEqualTo(Duration.ofSeconds(1));
        }

        @Test
        void deploys_from_the_initial_savepoint_path() {
            Run run = new Run(Worlds.deployment(Docs.set(Docs.application(), "spec.job.initialSavepointPath", "file:///sp/savepoint-1")));

            Decision<FlinkDeploymentStatus> d = run.pass(missing(), T0);

            assertThat(((Action.DeployCluster) d.effects().head()).restoreFrom()).isEqualTo(StateLocation.savepoint("file:///sp/savepoint-1"));
        }

        @Test
        void a_resource_created_suspended_deploys_nothing() {
            Run run = new Run(Worlds.deployment(Docs.set(Docs.application(), "spec.job.state", "suspended")));

            Decision<FlinkDeploymentStatus> d = run.pass(missing(), T0);

            assertThat(d.effects()).isEmpty();
            assertThat(run.status().lifecycleState()).isEqualTo(ResourceLifecycleState.SUSPENDED);
            assertThat(run.status().reconciliationStatus().upgrade().phase()).isEqualTo(UpgradePhase.SUSPENDED);
        }

        @Test
        void records_the_job_manager_as_deploying_with_the_deploy_so_that_its_start_changes_no_status() {
            Run run = new Run(application("savepoint"));
            run.pass(missing(), T0);
            FlinkDeploymentStatus recorded = run.status();

            assertThat(recorded.jobManagerDeploymentStatus()).isEqualTo(JobManagerDeploymentStatus.DEPLOYING);
            run.pass(withJobManager(missing(), JobManagerDeploymentStatus.DEPLOYING), T0.plusSeconds(1));
            assertThat(run.status()).isEqualTo(recorded);
        }

        @Test
        void becomes_stable_when_the_new_job_runs_and_waits_until_then() {
            Run run = new Run(application("savepoint"));
            run.pass(missing(), T0);

            assertThat(run.pass(withJobManager(missing(), JobManagerDeploymentStatus.DEPLOYING), T0.plusSeconds(1)).effects()).isEmpty();
            assertThat(run.status().lifecycleState()).isEqualTo(ResourceLifecycleState.CREATED);

            Decision<FlinkDeploymentStatus> d = run.pass(running(run.pendingJobId()), T0.plusSeconds(3));
            assertThat(d.effects()).isEmpty();
            assertThat(run.status().reconciliationStatus().upgrade()).isNull();
            assertThat(run.status().reconciliationStatus().state()).isEqualTo(ReconciliationState.DEPLOYED);
            assertThat(run.status().reconciliationStatus().lastStableSpec()).isEqualTo(run.resource().spec());
            assertThat(run.status().lifecycleState()).isEqualTo(ResourceLifecycleState.STABLE);
            assertThat(run.status().conditions()).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo("True"));
        }

        @Test
        void a_job_manager_that_does_not_start_is_reported_with_the_runtimes_reason_and_cleared_once_the_job_runs() {
            Run run = new Run(application("savepoint"));
            run.pass(missing(), T0);
            Observed failing = missing();
            failing = new Observed(JobManagerDeploymentStatus.ERROR, Option.none(), failing.haSupported(), false, Option.none(), Option.none(),
                    Option.none(), true, Option.of("pod a-1, container flink-main-container: ImagePullBackOff"));

            assertThat(run.pass(failing, T0.plusSeconds(1)).effects()).as("the runtime keeps trying; nothing is redeployed").isEmpty();
            assertThat(run.status().error()).isEqualTo("the JobManager deployment failed: pod a-1, container flink-main-container: ImagePullBackOff");

            run.pass(running(run.pendingJobId()), T0.plusSeconds(30));
            assertThat(run.status().lifecycleState()).isEqualTo(ResourceLifecycleState.STABLE);
            assertThat(run.status().error()).isNull();
        }

        @Test
        void a_stable_job_whose_job_manager_cannot_start_again_tells_why() {
            Run run = runningAs("savepoint");
            Observed failing = new Observed(JobManagerDeploymentStatus.ERROR, Option.none(), true, false, Option.none(), Option.none(),
                    Option.none(), true, Option.of("pod a-1, container flink-main-container: CrashLoopBackOff"));

            assertThat(run.pass(failing, T1).effects()).isEmpty();
            assertThat(run.status().error()).isEqualTo("the JobManager deployment failed: pod a-1, container flink-main-container: CrashLoopBackOff");
            assertThat(run.status().conditions()).singleElement().satisfies(c -> assertThat(c.reason()).isEqualTo("JobManagerError"));
        }

        @Test
        void a_new_job_that_fails_ends_the_deployment_and_reports_flinks_cause() {
            Run run = new Run(application("stateless"));
            run.pass(missing(), T0);
            Observed failed = running(run.pendingJobId()).withJob(new org.flinkop.domain.observe.ObservedJob(run.pendingJobId(), FlinkJobState.FAILED)
                    .withFailure("java.lang.IllegalStateException: the source refused to start"));

            Decision<FlinkDeploymentStatus> d = run.pass(failed, T0.plusSeconds(3));

            assertThat(run.status().reconciliationStatus().upgrade()).isNull();
            assertThat(run.status().lifecycleState()).isEqualTo(ResourceLifecycleState.FAILED);
            assertThat(run.status().error()).contains("the job failed: java.lang.IllegalStateException: the source refused to start");
            assertThat(d.actions()).anySatisfy(e -> assertThat(e.toString()).contains("JOB_FAILED").contains("the source refused to start"));
        }

        @Test
        void a_deploy_lost_to_a_crash_is_deployed_again_under_the_same_job_id() {
            Run run = new Run(application("savepoint"));
            String jobId = ((Action.DeployCluster) run.pass(missing(), T0).effects().head()).jobId();

            Decision<FlinkDeploymentStatus> again = run.pass(missing(), T0.plusSeconds(2));

            assertThat(again.effects()).singleElement().isInstanceOfSatisfying(Action.DeployCluster.class, d -> assertThat(d.jobId()).isEqualTo(jobId));
        }
    }

    @Nested
    class UpgradeOfARunningJob {

        @Test
        void stateless_redeploys_with_empty_state() {
            Run run = runningAs("stateless");
            run.edit(withParallelism(run, 4));

            Decision<FlinkDeploymentStatus> d = run.pass(running(jobIdOf(run)), T1);

            assertThat(effectTypes(d)).containsExactly(Action.DeleteCluster.class, Action.DeployCluster.class);
            assertThat(((Action.DeleteCluster) d.effects().head()).deleteHaMetadata()).isTrue();
            assertThat(((Action.DeployCluster) d.effects().last()).restoreFrom()).isEqualTo(StateLocation.none());
            assertThat(((Action.DeployCluster) d.effects().last()).spec().job().parallelism()).isEqualTo(4);
        }

        @Test
        void savepoint_mode_records_the_trigger_then_stops_with_a_savepoint_then_restores_from_it() {
            Run run = runningAs("savepoint");
            String oldJob = jobIdOf(run);
            run.edit(withParallelism(run, 4));

            Decision<FlinkDeploymentStatus> stop = run.pass(running(oldJob), T1);
            Action.StopJobWithSavepoint sent = (Action.StopJobWithSavepoint) stop.effects().single();
            assertThat(sent.jobId()).isEqualTo(oldJob);
            assertThat(run.status().reconciliationStatus().upgrade().restoreFrom()).isEqualTo(StateLocation.pendingSavepoint(sent.triggerId()));
            assertThat(run.status().lifecycleState()).isEqualTo(ResourceLifecycleState.UPGRADING);

            assertThat(run.pass(withTrigger(running(oldJob), new TriggerResult.InProgress()), T1.plusSeconds(1)).effects()).isEmpty();

            Decision<FlinkDeploymentStatus> deploy = run.pass(withTrigger(job(oldJob, FlinkJobState.FINISHED), new TriggerResult.Completed("file:///sp/savepoint-9")), T1.plusSeconds(2));
            assertThat(effectTypes(deploy)).containsExactly(Action.DeleteCluster.class, Action.DeployCluster.class);
            assertThat(((Action.DeployCluster) deploy.effects().last()).restoreFrom()).isEqualTo(StateLocation.savepoint("file:///sp/savepoint-9"));
            assertThat(run.status().jobStatus().upgradeSavepointPath()).isEqualTo("file:///sp/savepoint-9");

            run.pass(running(run.pendingJobId()), T1.plusSeconds(4));
            assertThat(run.status().lifecycleState()).isEqualTo(ResourceLifecycleState.STABLE);
            assertThat(run.status().reconciliationStatus().lastStableSpec().job().parallelism()).isEqualTo(4);
        }

        @Test
        void a_stop_lost_to_a_crash_is_sent_again_under_the_recorded_trigger() {
            Run run = runningAs("savepoint");
            run.edit(withParallelism(run, 4));
            String trigger = ((Action.StopJobWithSavepoint) run.pass(running(jobIdOf(run)), T1).effects().single()).triggerId();

            Decision<FlinkDeploymentStatus> again = run.pass(withTrigger(running(jobIdOf(run)), new TriggerResult.Unknown()), T1.plusSeconds(1));

            assertThat(again.effects()).singleElement().isInstanceOfSatisfying(Action.StopJobWithSavepoint.class, s -> assertThat(s.triggerId()).isEqualTo(trigger));
        }

        @Test
        void a_failed_savepoint_keeps_the_job_running_and_retries_with_backoff() {
            Run run = runningAs("savepoint");
            run.edit(withParallelism(run, 4));
            String first = ((Action.StopJobWithSavepoint) run.pass(running(jobIdOf(run)), T1).effects().single()).triggerId();

            Decision<FlinkDeploymentStatus> failed = run.pass(withTrigger(running(jobIdOf(run)), new TriggerResult.Failed("disk full")), T1.plusSeconds(1));

            assertThat(failed.effects()).isEmpty();
            assertThat(failed.lookAgainAfter()).isEqualTo(Duration.ofSeconds(5));
            assertThat(run.status().error()).contains("disk full");
            String second = run.status().reconciliationStatus().upgrade().restoreFrom().savepointTriggerId();
            assertThat(second).isNotEqualTo(first);
            assertThat(run.pass(withTrigger(running(jobIdOf(run)), new TriggerResult.Unknown()), T1.plusSeconds(6)).effects())
                    .singleElement().isInstanceOfSatisfying(Action.StopJobWithSavepoint.class, s -> assertThat(s.triggerId()).isEqualTo(second));
        }

        @Test
        void last_state_with_ha_metadata_keeps_it_and_restores_from_it() {
            Run run = runningAs("last-state");
            run.edit(withParallelism(run, 4));

            Decision<FlinkDeploymentStatus> d = run.pass(withHa(running(jobIdOf(run))), T1);

            assertThat(effectTypes(d)).containsExactly(Action.DeleteCluster.class, Action.DeployCluster.class);
            assertThat(((Action.DeleteCluster) d.effects().head()).deleteHaMetadata()).isFalse();
            assertThat(((Action.DeployCluster) d.effects().last()).restoreFrom()).isEqualTo(StateLocation.haMetadata());
        }

        @Test
        void a_spec_that_turns_ha_off_never_restores_from_ha_metadata_it_could_not_read() {
            Run run = runningAs("last-state");
            FlinkDeploymentSpec withoutHa = Worlds.deployment(Docs.set(Docs.set(Docs.set(Docs.application(), "spec.job.upgradeMode", "last-state"),
                    "spec.job.parallelism", 4), "spec.flinkConfiguration", new java.util.LinkedHashMap<>(java.util.Map.of(
                    "state.checkpoints.dir", "file:///flink-data/checkpoints", "state.savepoints.dir", "file:///flink-data/savepoints",
                    "high-availability.type", "NONE")))).spec();
            run.edit(withoutHa);

            Decision<FlinkDeploymentStatus> d = run.pass(withHa(withCheckpoint(running(jobIdOf(run)), "file:///cp/chk-3", T1.minusSeconds(5))), T1);

            assertThat(effectTypes(d)).containsExactly(Action.CancelJob.class);
            assertThat(run.status().reconciliationStatus().upgrade().restoreFrom()).isEqualTo(StateLocation.checkpoint("file:///cp/chk-3"));
        }

        @Test
        void last_state_without_ha_cancels_and_restores_from_the_newest_checkpoint() {
            Run run = runningAs("last-state");
            run.edit(withParallelism(run, 4));
            Observed noHa = withoutHaSupport(withCheckpoint(running(jobIdOf(run)), "file:///cp/chk-7", T1.minusSeconds(10)));

            Decision<FlinkDeploymentStatus> cancel = run.pass(noHa, T1);
            assertThat(cancel.effects()).singleElement().isInstanceOf(Action.CancelJob.class);
            assertThat(run.status().reconciliationStatus().upgrade().restoreFrom()).isEqualTo(StateLocation.checkpoint("file:///cp/chk-7"));

            assertThat(run.pass(withoutHaSupport(job(jobIdOf(run), FlinkJobState.CANCELLING)), T1.plusSeconds(1)).effects()).isEmpty();

            Observed canceled = withoutHaSupport(withCheckpoint(job(jobIdOf(run), FlinkJobState.CANCELED), "file:///cp/chk-8", T1.plusSeconds(1)));
            Decision<FlinkDeploymentStatus> deploy = run.pass(canceled, T1.plusSeconds(2));
            assertThat(((Action.DeployCluster) deploy.effects().last()).restoreFrom()).isEqualTo(StateLocation.checkpoint("file:///cp/chk-8"));
        }

        @Test
        void last_state_with_a_checkpoint_older_than_allowed_takes_a_savepoint_first() {
            FlinkDeployment limited = Worlds.deployment(Docs.set(Docs.set(Docs.application(), "spec.job.upgradeMode", "last-state"),
                    "spec.flinkConfiguration[kubernetes.operator.job.upgrade.last-state.max.allowed.checkpoint.age]", "5 min"));
            Run run = new Run(limited);
            run.pass(missing(), T0);
            run.pass(running(run.pendingJobId()), T0.plusSeconds(5));
            run.edit(Worlds.deployment(Docs.set(Docs.set(Docs.set(Docs.application(), "spec.job.upgradeMode", "last-state"),
                    "spec.flinkConfiguration[kubernetes.operator.job.upgrade.last-state.max.allowed.checkpoint.age]", "5 min"), "spec.job.parallelism", 4)).spec());

            Decision<FlinkDeploymentStatus> d = run.pass(withoutHaSupport(withCheckpoint(running(jobIdOf(run)), "file:///cp/chk-1", T1.minusSeconds(600))), T1);

            assertThat(d.effects()).singleElement().isInstanceOf(Action.StopJobWithSavepoint.class);
        }

        @Test
        void a_flink_version_change_does_not_restore_from_ha_metadata() {
            Run run = runningAs("last-state");
            run.edit(Worlds.deployment(Docs.set(Docs.set(Docs.application(), "spec.job.upgradeMode", "last-state"), "spec.flinkVersion", "v2_3")).spec());

            Decision<FlinkDeploymentStatus> d = run.pass(withHa(withCheckpoint(running(jobIdOf(run)), "file:///cp/chk-3", T1)), T1);

            assertThat(d.effects()).singleElement().isInstanceOf(Action.CancelJob.class);
            assertThat(run.status().reconciliationStatus().upgrade().restoreFrom()).isEqualTo(StateLocation.checkpoint("file:///cp/chk-3"));
        }

        @Test
        void an_ignorable_change_is_recorded_without_touching_the_job() {
            Run run = runningAs("savepoint");
            run.edit(Worlds.deployment(Docs.set(Docs.application(), "spec.job.upgradeMode", "last-state")).spec());

            Decision<FlinkDeploymentStatus> d = run.pass(running(jobIdOf(run)), T1);

            assertThat(d.effects()).isEmpty();
            assertThat(run.status().reconciliationStatus().lastReconciledSpec().job().upgradeMode().spelling()).isEqualTo("last-state");
        }

        @Test
        void a_standalone_scale_change_under_the_reactive_scheduler_rescales_in_place() {
            java.util.function.Supplier<java.util.Map<String, Object>> reactive = () -> Docs.set(Docs.set(Docs.application(), "spec.mode", "standalone"),
                    "spec.flinkConfiguration[scheduler-mode]", "reactive");
            Run run = new Run(Worlds.deployment(reactive.get()));
            run.pass(missing(), T0);
            run.pass(running(run.pendingJobId()), T0.plusSeconds(5));
            run.edit(Worlds.deployment(Docs.set(reactive.get(), "spec.taskManager.replicas", 3)).spec());

            Decision<FlinkDeploymentStatus> d = run.pass(running(jobIdOf(run)), T1);

            assertThat(d.effects()).containsExactly(new Action.Rescale(3, 2));
        }

        @Test
        void a_standalone_parallelism_change_without_the_reactive_scheduler_is_an_upgrade_since_the_running_job_would_keep_its_parallelism() {
            java.util.function.Supplier<java.util.Map<String, Object>> standalone = () -> Docs.set(Docs.set(Docs.application(), "spec.mode", "standalone"),
                    "spec.job.upgradeMode", "savepoint");
            Run run = new Run(Worlds.deployment(standalone.get()));
            run.pass(missing(), T0);
            run.pass(running(run.pendingJobId()), T0.plusSeconds(5));
            run.edit(Worlds.deployment(Docs.set(standalone.get(), "spec.job.parallelism", 4)).spec());

            Decision<FlinkDeploymentStatus> d = run.pass(running(jobIdOf(run)), T1);

            assertThat(d.effects()).noneMatch(Action.Rescale.class::isInstance);
            assertThat(run.status().reconciliationStatus().upgrade().phase()).isEqualTo(UpgradePhase.STOPPING);
            assertThat(run.status().reconciliationStatus().upgrade().restoreFrom().kind().name()).isEqualTo("PENDING_SAVEPOINT");
        }

        @Test
        void a_standalone_scale_change_is_an_upgrade_where_the_runtime_cannot_rescale_in_place() {
            Run run = new Run(Worlds.deployment(Docs.set(Docs.set(Docs.application(), "spec.mode", "standalone"), "spec.job.upgradeMode", "savepoint")));
            run.pass(missing(), T0);
            run.pass(running(run.pendingJobId()), T0.plusSeconds(5));
            run.edit(Worlds.deployment(Docs.set(Docs.set(Docs.set(Docs.application(), "spec.mode", "standalone"), "spec.job.upgradeMode", "savepoint"),
                    "spec.taskManager.replicas", 3)).spec());

            Decision<FlinkDeploymentStatus> d = run.pass(withoutInPlaceRescale(running(jobIdOf(run))), T1);

            assertThat(d.effects()).noneMatch(Action.Rescale.class::isInstance);
            assertThat(run.status().reconciliationStatus().upgrade().phase()).isEqualTo(UpgradePhase.STOPPING);
            assertThat(run.status().reconciliationStatus().upgrade().restoreFrom().kind().name()).isEqualTo("PENDING_SAVEPOINT");
        }
    }

    private static Observed withoutInPlaceRescale(Observed o) {
        return new Observed(o.jobManager(), o.job(), o.haSupported(), o.haMetadataPresent(), o.latestCheckpoint(), o.savepointTrigger(), o.restarts(), false);
    }

    @Nested
    class JobNotRunning {

        private Decision<FlinkDeploymentStatus> upgradeWith(String mode, Observed observed) {
            Run run = runningAs(mode);
            run.edit(withParallelism(run, 4));
            return run.pass(observed, T1);
        }

        @Test
        void savepoint_mode_falls_back_to_ha_metadata_while_the_job_restarts() {
            Decision<FlinkDeploymentStatus> d = upgradeWith("savepoint", withHa(job("j", FlinkJobState.RESTARTING)));

            assertThat(((Action.DeployCluster) d.effects().last()).restoreFrom()).isEqualTo(StateLocation.haMetadata());
        }

        @Test
        void savepoint_mode_waits_while_the_job_restarts_without_safe_state() {
            Decision<FlinkDeploymentStatus> d = upgradeWith("savepoint", withoutHaSupport(job("j", FlinkJobState.RESTARTING)));

            assertThat(d.effects()).isEmpty();
            assertThat(d.statusToRecord().reconciliationStatus().upgrade()).isNull();
            assertThat(d.lookAgainAfter()).isEqualTo(Duration.ofSeconds(1));
        }

        @Test
        void waits_while_a_cancellation_is_in_progress() {
            assertThat(upgradeWith("savepoint", job("j", FlinkJobState.CANCELLING)).effects()).isEmpty();
        }

        @Test
        void a_failed_job_restores_from_its_latest_checkpoint() {
            Decision<FlinkDeploymentStatus> d = upgradeWith("savepoint", withoutHaSupport(withCheckpoint(job("j", FlinkJobState.FAILED), "file:///cp/chk-5", T0)));

            assertThat(((Action.DeployCluster) d.effects().last()).restoreFrom()).isEqualTo(StateLocation.checkpoint("file:///cp/chk-5"));
        }

        @Test
        void a_finished_job_restores_from_the_recorded_savepoint() {
            Run run = runningAs("savepoint");
            run.edit(withParallelism(run, 4));
            run.pass(running(jobIdOf(run)), T1);
            run.pass(withTrigger(job(jobIdOf(run), FlinkJobState.FINISHED), new TriggerResult.Completed("file:///sp/savepoint-1")), T1.plusSeconds(1));
            run.pass(running(run.pendingJobId()), T1.plusSeconds(3));
            run.edit(withParallelism(run, 6));

            Decision<FlinkDeploymentStatus> d = run.pass(withoutHaSupport(job(jobIdOf(run), FlinkJobState.FINISHED)), T2);

            assertThat(((Action.DeployCluster) d.effects().last()).restoreFrom()).isEqualTo(StateLocation.savepoint("file:///sp/savepoint-1"));
        }

        @Test
        void a_failed_job_with_no_state_left_blocks_and_stops_nothing() {
            Decision<FlinkDeploymentStatus> d = upgradeWith("last-state", withoutHaSupport(job("j", FlinkJobState.FAILED)));

            assertThat(d.effects()).isEmpty();
            assertThat(d.statusToRecord().error()).startsWith("NO_STATE_TO_RESTORE");
            assertThat(d.statusToRecord().lifecycleState()).isEqualTo(ResourceLifecycleState.FAILED);
        }

        @Test
        void a_lost_job_manager_without_ha_metadata_is_a_manual_restore_never_an_empty_start() {
            Run run = runningAs("last-state");

            Decision<FlinkDeploymentStatus> d = run.pass(missing(), T1);

            assertThat(d.effects()).isEmpty();
            assertThat(d.statusToRecord().error()).startsWith("MANUAL_RESTORE_REQUIRED");
        }

        @Test
        void a_lost_job_manager_with_ha_metadata_recovers_from_it() {
            Run run = runningAs("last-state");

            Decision<FlinkDeploymentStatus> d = run.pass(withHa(missing()), T1);

            assertThat(((Action.DeployCluster) d.effects().last()).restoreFrom()).isEqualTo(StateLocation.haMetadata());
        }

        @Test
        void a_lost_stateless_job_manager_is_redeployed_empty() {
            Run run = runningAs("stateless");

            Decision<FlinkDeploymentStatus> d = run.pass(missing(), T1);

            assertThat(((Action.DeployCluster) d.effects().last()).restoreFrom()).isEqualTo(StateLocation.none());
        }

        @Test
        void a_stop_that_ended_the_job_without_a_savepoint_restores_from_the_latest_checkpoint() {
            Run run = runningAs("savepoint");
            run.edit(withParallelism(run, 4));
            run.pass(running(jobIdOf(run)), T1);

            Decision<FlinkDeploymentStatus> d = run.pass(withoutHaSupport(withCheckpoint(withTrigger(job(jobIdOf(run), FlinkJobState.FAILED),
                    new TriggerResult.Failed("task failure")), "file:///cp/chk-2", T1)), T1.plusSeconds(2));

            assertThat(((Action.DeployCluster) d.effects().last()).restoreFrom()).isEqualTo(StateLocation.checkpoint("file:///cp/chk-2"));
        }
    }

    @Nested
    class SuspendAndResume {

        private Run suspend(String mode, Observed runningWorld) {
            Run run = runningAs(mode);
            run.edit(Worlds.deployment(Docs.set(Docs.set(Docs.application(), "spec.job.upgradeMode", mode), "spec.job.state", "suspended")).spec());
            run.pass(runningWorld.withJob(new org.flinkop.domain.observe.ObservedJob(jobIdOf(run), FlinkJobState.RUNNING)), T1);
            return run;
        }

        private Decision<FlinkDeploymentStatus> resume(Run run) {
            run.edit(Worlds.deployment(Docs.set(Docs.application(), "spec.job.upgradeMode", run.resource().spec().job().effectiveUpgradeMode().spelling())).spec());
            return run.pass(missing(), T2);
        }

        @Test
        void savepoint_mode_suspends_with_a_savepoint_and_resumes_from_exactly_it() {
            Run run = suspend("savepoint", running("x"));
            assertThat(run.status().reconciliationStatus().upgrade().phase()).isEqualTo(UpgradePhase.STOPPING);

            Decision<FlinkDeploymentStatus> stopped = run.pass(withTrigger(job(jobIdOf(run), FlinkJobState.FINISHED), new TriggerResult.Completed("file:///sp/s-4")), T1.plusSeconds(1));
            assertThat(stopped.effects()).containsExactly(new Action.DeleteCluster(true));
            assertThat(run.status().lifecycleState()).isEqualTo(ResourceLifecycleState.SUSPENDED);
            assertThat(run.pass(missing(), T1.plusSeconds(2)).effects()).isEmpty();

            Decision<FlinkDeploymentStatus> resumed = resume(run);
            assertThat(((Action.DeployCluster) resumed.effects().single()).restoreFrom()).isEqualTo(StateLocation.savepoint("file:///sp/s-4"));
        }

        @Test
        void last_state_mode_suspends_keeping_ha_metadata_and_resumes_from_it() {
            Run run = suspend("last-state", withHa(running("x")));
            assertThat(run.status().reconciliationStatus().upgrade().restoreFrom()).isEqualTo(StateLocation.haMetadata());
            assertThat(run.status().lifecycleState()).isEqualTo(ResourceLifecycleState.SUSPENDED);

            Decision<FlinkDeploymentStatus> resumed = resume(run);
            assertThat(((Action.DeployCluster) resumed.effects().single()).restoreFrom()).isEqualTo(StateLocation.haMetadata());
        }

        @Test
        void last_state_mode_without_ha_suspends_via_its_latest_checkpoint() {
            Run run = suspend("last-state", withoutHaSupport(withCheckpoint(running("x"), "file:///cp/chk-4", T1)));
            run.pass(withoutHaSupport(withCheckpoint(job(jobIdOf(run), FlinkJobState.CANCELED), "file:///cp/chk-4", T1)), T1.plusSeconds(1));

            assertThat(resume(run).effects().single()).isEqualTo(new Action.DeployCluster(run.resource().spec(), StateLocation.checkpoint("file:///cp/chk-4"), run.pendingJobId()));
        }

        @Test
        void stateless_mode_suspends_and_resumes_empty() {
            Run run = suspend("stateless", running("x"));
            assertThat(run.status().reconciliationStatus().upgrade().restoreFrom()).isEqualTo(StateLocation.none());

            assertThat(((Action.DeployCluster) resume(run).effects().single()).restoreFrom()).isEqualTo(StateLocation.none());
        }

        @Test
        void a_suspend_whose_cluster_removal_was_lost_removes_it_again() {
            Run run = suspend("stateless", running("x"));

            assertThat(run.pass(running(jobIdOf(run)), T1.plusSeconds(1)).effects()).containsExactly(new Action.DeleteCluster(true));
        }
    }

    @Nested
    class Nonces {

        @Test
        void restart_nonce_upgrades_following_the_mode() {
            Run run = runningAs("savepoint");
            run.edit(Worlds.deployment(Docs.set(Docs.application(), "spec.restartNonce", 1)).spec());

            assertThat(run.pass(running(jobIdOf(run)), T1).effects()).singleElement().isInstanceOf(Action.StopJobWithSavepoint.class);
        }

        @Test
        void savepoint_redeploy_nonce_redeploys_from_the_initial_savepoint_even_when_stateless() {
            Run run = runningAs("stateless");
            run.edit(Worlds.deployment(Docs.set(Docs.set(Docs.set(Docs.application(), "spec.job.upgradeMode", "stateless"),
                    "spec.job.savepointRedeployNonce", 1), "spec.job.initialSavepointPath", "file:///sp/golden")).spec());

            Decision<FlinkDeploymentStatus> d = run.pass(running(jobIdOf(run)), T1);

            assertThat(effectTypes(d)).containsExactly(Action.DeleteCluster.class, Action.DeployCluster.class);
            assertThat(((Action.DeployCluster) d.effects().last()).restoreFrom()).isEqualTo(StateLocation.savepoint("file:///sp/golden"));
        }

        @Test
        void changing_the_initial_savepoint_path_alone_does_nothing() {
            Run run = runningAs("savepoint");
            run.edit(Worlds.deployment(Docs.set(Docs.application(), "spec.job.initialSavepointPath", "file:///sp/other")).spec());

            assertThat(run.pass(running(jobIdOf(run)), T1).effects()).isEmpty();
        }
    }

    @Nested
    class Deletion {

        @Test
        void deleting_removes_the_cluster_with_its_ha_metadata_then_lets_the_resource_go() {
            Run deleting = markedForDeletion(runningAs("last-state"));

            assertThat(deleting.pass(withHa(running(jobIdOf(deleting))), T1).effects()).containsExactly(new Action.DeleteCluster(true));
            assertThat(deleting.status().lifecycleState()).isEqualTo(ResourceLifecycleState.DELETING);
            assertThat(deleting.pass(missing(), T1.plusSeconds(2)).effects()).containsExactly(new Action.ReleaseResource());
            assertThat(deleting.status().lifecycleState()).isEqualTo(ResourceLifecycleState.DELETED);
        }

        @Test
        void with_high_availability_on_and_no_metadata_yet_the_resource_waits_for_the_removal() {
            // a JobManager that is still stopping could write HA metadata after the removal was asked for
            Run deleting = markedForDeletion(runningAs("last-state"));

            assertThat(deleting.pass(running(jobIdOf(deleting)), T1).effects()).containsExactly(new Action.DeleteCluster(true));
            assertThat(deleting.status().lifecycleState()).isEqualTo(ResourceLifecycleState.DELETING);
        }

        @Test
        void without_high_availability_the_cluster_is_removed_and_the_resource_let_go_in_one_pass() {
            Run deleting = markedForDeletion(runningWithoutHa());

            Decision<FlinkDeploymentStatus> d = deleting.pass(running(jobIdOf(deleting)), T1);

            assertThat(d.effects()).containsExactly(new Action.DeleteCluster(false), new Action.ReleaseResource());
            assertThat(deleting.status().lifecycleState()).isEqualTo(ResourceLifecycleState.DELETED);
        }

        @Test
        void ha_metadata_left_by_an_earlier_spec_is_waited_for_even_with_high_availability_off_now() {
            Run deleting = markedForDeletion(runningWithoutHa());

            assertThat(deleting.pass(withHa(running(jobIdOf(deleting))), T1).effects()).containsExactly(new Action.DeleteCluster(true));
            assertThat(deleting.status().lifecycleState()).isEqualTo(ResourceLifecycleState.DELETING);
        }

        @Test
        void ha_metadata_that_a_job_manager_pod_never_stopping_holds_is_removed_without_waiting_after_the_cleanup_timeout() {
            Run deleting = markedForDeletion(runningAs("last-state"));
            deleting.pass(withHa(running(jobIdOf(deleting))), T1);

            Decision<FlinkDeploymentStatus> waiting = deleting.pass(withHa(missing()), T1.plus(Duration.ofMinutes(4)));
            assertThat(waiting.effects()).containsExactly(new Action.DeleteCluster(true));

            Decision<FlinkDeploymentStatus> overdue = deleting.pass(withHa(missing()), T1.plus(Duration.ofMinutes(5)));
            assertThat(overdue.effects()).containsExactly(new Action.DeleteCluster(true, true));
            assertThat(overdue.actions()).anySatisfy(a -> assertThat(a).isInstanceOfSatisfying(Action.RecordEvent.class, e -> {
                assertThat(e.reason()).isEqualTo(EventReason.CLEANUP_TIMED_OUT);
                assertThat(e.type()).isEqualTo(Action.EventType.WARNING);
                assertThat(e.message()).contains("5 min", "kubernetes.operator.resource.cleanup.timeout");
            }));
            assertThat(deleting.status().lifecycleState()).isEqualTo(ResourceLifecycleState.DELETING);
            assertThat(deleting.pass(missing(), T1.plus(Duration.ofMinutes(6))).effects()).containsExactly(new Action.ReleaseResource());
        }

        /** A savepoint-mode application with high availability off, deployed and running. */
        private Run runningWithoutHa() {
            Run run = new Run(Worlds.deployment(Docs.set(Docs.set(Docs.application(), "spec.job.upgradeMode", "savepoint"), "spec.flinkConfiguration",
                    new java.util.LinkedHashMap<>(java.util.Map.of("state.savepoints.dir", "file:///flink-data/savepoints", "high-availability.type", "NONE")))));
            run.pass(missing(), T0);
            run.pass(running(run.pendingJobId()), T0.plusSeconds(5));
            return run;
        }

        private Run markedForDeletion(Run run) {
            var m = run.resource().metadata();
            return new Run(new FlinkDeployment(new org.flinkop.domain.resource.ObjectMeta(m.name(), m.namespace(), m.uid(), m.resourceVersion(),
                    m.generation(), m.creationTimestamp(), T1, m.labels(), m.annotations(), m.finalizers()), run.resource().spec(), run.status()));
        }
    }
}
