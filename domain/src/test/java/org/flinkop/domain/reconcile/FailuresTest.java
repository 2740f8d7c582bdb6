package org.flinkop.domain.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.domain.reconcile.Worlds.T0;
import static org.flinkop.domain.reconcile.Worlds.job;
import static org.flinkop.domain.reconcile.Worlds.missing;
import static org.flinkop.domain.reconcile.Worlds.running;
import static org.flinkop.domain.reconcile.Worlds.withCheckpoint;
import static org.flinkop.domain.reconcile.Worlds.withoutHaSupport;

import io.vavr.control.Option;
import java.util.Map;
import org.flinkop.domain.Docs;
import org.flinkop.domain.decision.Action;
import org.flinkop.domain.decision.Decision;
import org.flinkop.domain.observe.Observed;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.domain.resource.StateLocation;
import org.junit.jupiter.api.Test;

/** Failed jobs, lost JobManagers and unhealthy clusters. */
class FailuresTest {

    private static Run runningWith(Map<String, String> configuration) {
        Map<String, Object> doc = Docs.set(Docs.application(), "spec.job.upgradeMode", "last-state");
        configuration.forEach((k, v) -> Docs.set(doc, "spec.flinkConfiguration[" + k + "]", v));
        Run run = new Run(Worlds.deployment(doc));
        run.pass(missing(), T0);
        run.pass(running(run.pendingJobId()), T0.plusSeconds(5));
        return run;
    }

    private static String jobId(Run run) {
        return run.status().jobStatus().jobId();
    }

    private static Observed restarts(Observed o, int count) {
        return new Observed(o.jobManager(), o.job(), o.haSupported(), o.haMetadataPresent(), o.latestCheckpoint(), o.savepointTrigger(), Option.of(count));
    }

    @Test
    void a_failed_job_stays_failed_and_says_what_to_do() {
        Run run = runningWith(Map.of());

        Decision<FlinkDeploymentStatus> d = run.pass(job(jobId(run), FlinkJobState.FAILED), T0.plusSeconds(60));

        assertThat(d.effects()).isEmpty();
        assertThat(run.status().lifecycleState()).isEqualTo(ResourceLifecycleState.FAILED);
        assertThat(run.status().error()).contains("kubernetes.operator.job.restart.failed");
        assertThat(run.status().conditions()).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo("False"));
    }

    @Test
    void a_failed_job_is_restarted_from_its_latest_checkpoint_when_asked_to() {
        Run run = runningWith(Map.of("kubernetes.operator.job.restart.failed", "true"));

        Decision<FlinkDeploymentStatus> d = run.pass(withoutHaSupport(withCheckpoint(job(jobId(run), FlinkJobState.FAILED), "file:///cp/chk-9", T0.plusSeconds(30))),
                T0.plusSeconds(60));

        assertThat(((Action.DeployCluster) d.effects().last()).restoreFrom()).isEqualTo(StateLocation.checkpoint("file:///cp/chk-9"));
    }

    @Test
    void a_lost_job_manager_is_left_alone_when_recovery_is_off() {
        Run run = runningWith(Map.of("kubernetes.operator.jm-deployment-recovery.enabled", "false"));

        Decision<FlinkDeploymentStatus> d = run.pass(Worlds.withHa(missing()), T0.plusSeconds(60));

        assertThat(d.effects()).isEmpty();
        assertThat(run.status().error()).contains("jm-deployment-recovery.enabled");
    }

    @Test
    void a_job_restarting_more_than_the_threshold_within_the_window_is_restarted() {
        Run run = runningWith(Map.of("kubernetes.operator.cluster.health-check.enabled", "true",
                "kubernetes.operator.cluster.health-check.restarts.threshold", "5"));
        Observed world = withoutHaSupport(withCheckpoint(running(jobId(run)), "file:///cp/chk-2", T0.plusSeconds(50)));

        assertThat(run.pass(restarts(world, 10), T0.plusSeconds(60)).effects()).isEmpty();
        assertThat(run.pass(restarts(world, 14), T0.plusSeconds(90)).effects()).as("4 restarts in the window").isEmpty();

        Decision<FlinkDeploymentStatus> d = run.pass(restarts(world, 16), T0.plusSeconds(120));
        assertThat(d.effects()).singleElement().isInstanceOf(Action.CancelJob.class);
    }

    @Test
    void restarts_spread_over_longer_than_the_window_are_healthy() {
        Run run = runningWith(Map.of("kubernetes.operator.cluster.health-check.enabled", "true",
                "kubernetes.operator.cluster.health-check.restarts.threshold", "5"));
        Observed world = withoutHaSupport(withCheckpoint(running(jobId(run)), "file:///cp/chk-2", T0.plusSeconds(50)));

        run.pass(restarts(world, 0), T0.plusSeconds(60));
        assertThat(run.pass(restarts(world, 4), T0.plusSeconds(170)).effects()).isEmpty();
        assertThat(run.pass(restarts(world, 8), T0.plusSeconds(200)).effects()).as("a new window began at 4").isEmpty();
    }

    @Test
    void a_job_whose_checkpoints_stopped_is_restarted() {
        Run run = runningWith(Map.of("kubernetes.operator.cluster.health-check.enabled", "true", "execution.checkpointing.interval", "10s"));
        Observed stale = restarts(withoutHaSupport(withCheckpoint(running(jobId(run)), "file:///cp/chk-1", T0.plusSeconds(10))), 0);

        assertThat(run.pass(stale, T0.plusSeconds(200)).effects()).isEmpty();
        assertThat(run.pass(stale, T0.plusSeconds(400)).effects()).singleElement().isInstanceOf(Action.CancelJob.class);
    }

    @Test
    void without_the_health_check_restarts_are_left_to_flink() {
        Run run = runningWith(Map.of());

        assertThat(run.pass(restarts(running(jobId(run)), 1000), T0.plusSeconds(60)).effects()).isEmpty();
    }
}
