package org.flinkop.domain.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.domain.reconcile.Worlds.T0;

import io.vavr.control.Option;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.flinkop.domain.Docs;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.decision.Action;
import org.flinkop.domain.decision.Decision;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.observe.CompletedCheckpoint;
import org.flinkop.domain.observe.Observed;
import org.flinkop.domain.observe.ObservedJob;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.FlinkSessionJobStatus;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.domain.resource.StateLocationKind;
import org.flinkop.domain.resource.UpgradeMode;
import org.flinkop.domain.resource.UpgradeProgress;
import org.junit.jupiter.api.Test;

class SessionJobDeciderTest {

    private FlinkSessionJob job = sessionJob(Docs.set(Docs.sessionJob(), "spec.job.upgradeMode", "savepoint"));

    private static FlinkSessionJob sessionJob(Map<String, Object> doc) {
        Docs.set(doc, "metadata.uid", "9a8b");
        Docs.set(doc, "metadata.generation", 1);
        return (FlinkSessionJob) ResourceBinding.decode(doc).resource().get();
    }

    private Decision<FlinkSessionJobStatus> pass(Observed observed, Instant now) {
        Decision<FlinkSessionJobStatus> d = SessionJobDecider.decide(job, observed, now, OperatorSettings.defaults());
        check(job, observed, d);
        job = job.withStatus(d.statusToRecord());
        return d;
    }

    private static Observed cluster(JobManagerDeploymentStatus jm, ObservedJob observedJob) {
        return new Observed(jm, Option.of(observedJob), true, true, Option.none(), Option.none(), Option.none());
    }

    private static Observed ready(String jobId, FlinkJobState state) {
        return cluster(JobManagerDeploymentStatus.READY, new ObservedJob(jobId, state));
    }

    private static Observed readyEmpty() {
        return new Observed(JobManagerDeploymentStatus.READY, Option.none(), true, true, Option.none(), Option.none(), Option.none());
    }

    private String pendingJobId() {
        return job.status().reconciliationStatus().upgrade().jobId();
    }

    private void edit(Map<String, Object> doc) {
        job = new FlinkSessionJob(job.metadata(), sessionJob(doc).spec(), job.status());
    }

    private void running() {
        pass(readyEmpty(), T0);
        pass(ready(pendingJobId(), FlinkJobState.RUNNING), T0.plusSeconds(2));
    }

    @Test
    void waits_for_its_session_cluster_then_submits_and_runs() {
        Observed starting = new Observed(JobManagerDeploymentStatus.DEPLOYING, Option.none(), true, true, Option.none(), Option.none(), Option.none());
        assertThat(pass(starting, T0).effects()).isEmpty();
        assertThat(job.status().conditions()).singleElement().satisfies(c -> assertThat(c.reason()).isEqualTo("SessionClusterNotReady"));

        Decision<FlinkSessionJobStatus> submit = pass(readyEmpty(), T0.plusSeconds(5));
        assertThat(submit.effects()).singleElement().isInstanceOfSatisfying(Action.SubmitJob.class,
                s -> assertThat(s.restoreFrom()).isEqualTo(StateLocation.none()));

        pass(ready(pendingJobId(), FlinkJobState.RUNNING), T0.plusSeconds(7));
        assertThat(job.status().lifecycleState().spelling()).isEqualTo("STABLE");
    }

    @Test
    void a_savepoint_upgrade_stops_then_submits_from_the_savepoint_leaving_the_cluster_alone() {
        running();
        String old = job.status().jobStatus().jobId();
        edit(Docs.set(Docs.set(Docs.sessionJob(), "spec.job.upgradeMode", "savepoint"), "spec.job.parallelism", 8));

        assertThat(pass(ready(old, FlinkJobState.RUNNING), T0.plusSeconds(60)).effects()).singleElement().isInstanceOf(Action.StopJobWithSavepoint.class);
        Decision<FlinkSessionJobStatus> submit = pass(cluster(JobManagerDeploymentStatus.READY, new ObservedJob(old, FlinkJobState.FINISHED))
                .withJob(new ObservedJob(old, FlinkJobState.FINISHED)), T0.plusSeconds(61));
        assertThat(submit.effects()).isEmpty();

        Observed completed = new Observed(JobManagerDeploymentStatus.READY, Option.of(new ObservedJob(old, FlinkJobState.FINISHED)), true, true, Option.none(),
                Option.of(new TriggerResult.Completed("file:///sp/sj-1")), Option.none());
        Decision<FlinkSessionJobStatus> d = pass(completed, T0.plusSeconds(62));
        assertThat(d.effects()).singleElement().isInstanceOfSatisfying(Action.SubmitJob.class, s -> {
            assertThat(s.restoreFrom()).isEqualTo(StateLocation.savepoint("file:///sp/sj-1"));
            assertThat(s.spec().job().parallelism()).isEqualTo(8);
        });
    }

    @Test
    void last_state_never_uses_the_clusters_ha_metadata_but_its_own_checkpoint() {
        job = sessionJob(Docs.set(Docs.sessionJob(), "spec.job.upgradeMode", "last-state"));
        running();
        String old = job.status().jobStatus().jobId();
        edit(Docs.set(Docs.set(Docs.sessionJob(), "spec.job.upgradeMode", "last-state"), "spec.job.parallelism", 8));
        Observed withCheckpoint = new Observed(JobManagerDeploymentStatus.READY, Option.of(new ObservedJob(old, FlinkJobState.RUNNING)), true, true,
                Option.of(new CompletedCheckpoint("file:///cp/sj-3", T0.plusSeconds(50))), Option.none(), Option.none());

        assertThat(pass(withCheckpoint, T0.plusSeconds(60)).effects()).singleElement().isInstanceOf(Action.CancelJob.class);
        assertThat(job.status().reconciliationStatus().upgrade().restoreFrom()).isEqualTo(StateLocation.checkpoint("file:///cp/sj-3"));
    }

    @Test
    void a_session_job_lost_by_its_cluster_is_submitted_again_from_its_checkpoint() {
        job = sessionJob(Docs.set(Docs.sessionJob(), "spec.job.upgradeMode", "last-state"));
        running();
        Observed lost = new Observed(JobManagerDeploymentStatus.READY, Option.none(), true, true,
                Option.of(new CompletedCheckpoint("file:///cp/sj-7", T0.plusSeconds(50))), Option.none(), Option.none());

        Decision<FlinkSessionJobStatus> d = pass(lost, T0.plusSeconds(60));

        assertThat(((Action.SubmitJob) d.effects().single()).restoreFrom()).isEqualTo(StateLocation.checkpoint("file:///cp/sj-7"));
    }

    @Test
    void suspend_and_resume_from_the_savepoint() {
        running();
        String old = job.status().jobStatus().jobId();
        edit(Docs.set(Docs.set(Docs.sessionJob(), "spec.job.upgradeMode", "savepoint"), "spec.job.state", "suspended"));
        pass(ready(old, FlinkJobState.RUNNING), T0.plusSeconds(60));
        Observed completed = new Observed(JobManagerDeploymentStatus.READY, Option.of(new ObservedJob(old, FlinkJobState.FINISHED)), true, true, Option.none(),
                Option.of(new TriggerResult.Completed("file:///sp/sj-2")), Option.none());
        assertThat(pass(completed, T0.plusSeconds(61)).effects()).isEmpty();
        assertThat(job.status().lifecycleState().spelling()).isEqualTo("SUSPENDED");

        edit(Docs.set(Docs.sessionJob(), "spec.job.upgradeMode", "savepoint"));
        Decision<FlinkSessionJobStatus> resumed = pass(readyEmpty(), T0.plusSeconds(120));
        assertThat(((Action.SubmitJob) resumed.effects().single()).restoreFrom()).isEqualTo(StateLocation.savepoint("file:///sp/sj-2"));
    }

    @Test
    void a_crash_before_the_submission_submits_again_under_the_same_id() {
        pass(readyEmpty(), T0);
        String id = pendingJobId();

        assertThat(((Action.SubmitJob) pass(readyEmpty(), T0.plusSeconds(3)).effects().single()).jobId()).isEqualTo(id);
    }

    @Test
    void random_walks_keep_the_write_ahead_invariant() {
        Random random = new Random(20261124L);
        String[] modes = {"stateless", "savepoint", "last-state"};
        int decisions = 0;
        for (int walk = 0; walk < 500; walk++) {
            job = sessionJob(Docs.set(Docs.sessionJob(), "spec.job.upgradeMode", modes[random.nextInt(3)]));
            Instant now = T0;
            for (int step = 0; step < 30; step++) {
                if (random.nextInt(5) == 0) {
                    Map<String, Object> doc = Docs.set(Docs.sessionJob(), "spec.job.upgradeMode", modes[random.nextInt(3)]);
                    Docs.set(doc, "spec.job.parallelism", 1 + random.nextInt(4));
                    if (random.nextInt(4) == 0) {
                        Docs.set(doc, "spec.job.state", "suspended");
                    }
                    edit(doc);
                }
                now = now.plusSeconds(1 + random.nextInt(60));
                JobManagerDeploymentStatus[] jms = JobManagerDeploymentStatus.values();
                JobManagerDeploymentStatus jm = random.nextInt(4) == 0 ? jms[random.nextInt(jms.length)] : JobManagerDeploymentStatus.READY;
                Option<ObservedJob> observedJob = Option.none();
                if (random.nextInt(4) != 0 && job.status() != null) {
                    UpgradeProgress up = job.status().reconciliationStatus() == null ? null : job.status().reconciliationStatus().upgrade();
                    String id = up != null && random.nextBoolean() ? up.jobId() : job.status().jobStatus() != null && job.status().jobStatus().jobId() != null
                            ? job.status().jobStatus().jobId() : "other";
                    FlinkJobState[] states = FlinkJobState.values();
                    observedJob = Option.of(new ObservedJob(id, random.nextBoolean() ? FlinkJobState.RUNNING : states[random.nextInt(states.length)]));
                }
                Option<CompletedCheckpoint> cp = random.nextBoolean() ? Option.of(new CompletedCheckpoint("file:///cp/" + random.nextInt(50), now.minusSeconds(30)))
                        : Option.none();
                Option<TriggerResult> trigger = switch (random.nextInt(4)) {
                    case 0 -> Option.of(new TriggerResult.Completed("file:///sp/" + random.nextInt(50)));
                    case 1 -> Option.of(new TriggerResult.Failed("declined"));
                    case 2 -> Option.of(new TriggerResult.InProgress());
                    default -> Option.none();
                };
                Observed observed = new Observed(jm, observedJob, true, random.nextBoolean(), cp, trigger, Option.none());
                Decision<FlinkSessionJobStatus> again = SessionJobDecider.decide(job, observed, now, OperatorSettings.defaults());
                assertThat(pass(observed, now)).isEqualTo(again);
                decisions++;
            }
        }
        System.out.printf("session job properties: 500 walks, %d decisions, 0 invariants broken%n", decisions);
    }

    /** Ending a job records where its state goes; a submission restores from exactly what is recorded, never HA metadata. */
    private static void check(FlinkSessionJob before, Observed observed, Decision<FlinkSessionJobStatus> d) {
        UpgradeProgress up = d.statusToRecord().reconciliationStatus() == null ? null : d.statusToRecord().reconciliationStatus().upgrade();
        boolean endsAJob = d.effects().exists(a -> a instanceof Action.CancelJob || a instanceof Action.StopJobWithSavepoint);
        boolean stateful = before.spec().job().effectiveUpgradeMode() != UpgradeMode.STATELESS;
        if (endsAJob && before.metadata().deletionTimestamp() == null) {
            assertThat(up).as("%s", d).isNotNull();
            if (stateful && observed.jobIs(FlinkJobState.RUNNING)) {
                assertThat(up.restoreFrom().carriesState()).as("a running stateful job's state is kept: %s", d).isTrue();
            }
        }
        d.effects().filter(a -> a instanceof Action.SubmitJob).forEach(a -> {
            Action.SubmitJob submit = (Action.SubmitJob) a;
            assertThat(up).isNotNull();
            assertThat(submit.restoreFrom()).isEqualTo(up.restoreFrom());
            assertThat(submit.restoreFrom().kind()).isNotIn(StateLocationKind.HA_METADATA, StateLocationKind.PENDING_SAVEPOINT);
        });
    }
}
