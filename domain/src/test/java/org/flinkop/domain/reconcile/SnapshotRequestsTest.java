package org.flinkop.domain.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.domain.reconcile.Worlds.T0;
import static org.flinkop.domain.reconcile.Worlds.missing;
import static org.flinkop.domain.reconcile.Worlds.running;

import java.time.Duration;
import org.flinkop.domain.Docs;
import org.flinkop.domain.decision.Action;
import org.flinkop.domain.decision.Decision;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.junit.jupiter.api.Test;

/** Periodic savepoints and checkpoints, and the legacy trigger nonces, as FlinkStateSnapshot resources. */
class SnapshotRequestsTest {

    private static Run runningWith(String key, String value) {
        Run run = new Run(Worlds.deployment(Docs.set(Docs.application(), "spec.flinkConfiguration[" + key + "]", value)));
        run.pass(missing(), T0);
        run.pass(running(run.pendingJobId()), T0.plusSeconds(5));
        return run;
    }

    private static String jobId(Run run) {
        return run.status().jobStatus().jobId();
    }

    @Test
    void a_periodic_savepoint_is_requested_when_due_and_once_per_period() {
        Run run = runningWith("kubernetes.operator.periodic.savepoint.interval", "1h");

        Decision<FlinkDeploymentStatus> early = run.pass(running(jobId(run)), T0.plusSeconds(600));
        assertThat(early.effects()).isEmpty();
        assertThat(early.lookAgainAfter()).isEqualTo(Duration.ofSeconds(60));

        Decision<FlinkDeploymentStatus> due = run.pass(running(jobId(run)), T0.plusSeconds(3605));
        assertThat(due.effects()).singleElement().isInstanceOfSatisfying(Action.CreateSnapshot.class, create -> {
            assertThat(create.snapshot().metadata().name()).isEqualTo("orders-periodic-savepoint-" + T0.plusSeconds(3605).getEpochSecond());
            assertThat(create.snapshot().spec().savepoint()).isNotNull();
        });
        assertThat(run.status().jobStatus().lastPeriodicSavepointTimestamp()).isEqualTo(T0.plusSeconds(3605));

        assertThat(run.pass(running(jobId(run)), T0.plusSeconds(3700)).effects()).isEmpty();
        assertThat(run.pass(running(jobId(run)), T0.plusSeconds(7300)).effects()).singleElement().isInstanceOf(Action.CreateSnapshot.class);
    }

    @Test
    void the_next_look_comes_when_the_next_snapshot_is_due() {
        Run run = runningWith("kubernetes.operator.periodic.checkpoint.interval", "30 s");

        Decision<FlinkDeploymentStatus> d = run.pass(running(jobId(run)), T0.plusSeconds(20));

        assertThat(d.lookAgainAfter()).isEqualTo(Duration.ofSeconds(15));
        assertThat(run.pass(running(jobId(run)), T0.plusSeconds(36)).effects()).singleElement()
                .isInstanceOfSatisfying(Action.CreateSnapshot.class, c -> assertThat(c.snapshot().spec().checkpoint()).isNotNull());
    }

    @Test
    void a_cron_schedule_requests_at_its_fire_times() {
        Run run = runningWith("kubernetes.operator.periodic.savepoint.interval", "0 0 * * * ?");

        assertThat(run.pass(running(jobId(run)), T0.plusSeconds(3599)).effects()).isEmpty();
        assertThat(run.pass(running(jobId(run)), T0.plusSeconds(3600)).effects()).singleElement().isInstanceOf(Action.CreateSnapshot.class);
    }

    @Test
    void no_periodic_snapshot_while_the_job_is_not_running() {
        Run run = runningWith("kubernetes.operator.periodic.savepoint.interval", "1h");

        assertThat(run.pass(Worlds.job(jobId(run), org.flinkop.domain.resource.FlinkJobState.RESTARTING), T0.plusSeconds(7200)).effects()).isEmpty();
    }

    @Test
    void a_changed_trigger_nonce_requests_one_snapshot_named_after_it() {
        Run run = runningWith("taskmanager.numberOfTaskSlots", "2");
        run.edit(Worlds.deployment(Docs.set(Docs.set(Docs.application(), "spec.job.savepointTriggerNonce", 7), "spec.job.checkpointTriggerNonce", 3)).spec());

        Decision<FlinkDeploymentStatus> d = run.pass(running(jobId(run)), T0.plusSeconds(60));

        assertThat(d.effects().map(a -> ((Action.CreateSnapshot) a).snapshot().metadata().name()))
                .containsExactly("orders-manual-savepoint-nonce-7", "orders-manual-checkpoint-nonce-3");
        assertThat(run.pass(running(jobId(run)), T0.plusSeconds(120)).effects()).as("once per nonce").isEmpty();
    }
}
