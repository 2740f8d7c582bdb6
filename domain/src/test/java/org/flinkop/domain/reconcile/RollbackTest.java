package org.flinkop.domain.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.domain.reconcile.Worlds.T0;
import static org.flinkop.domain.reconcile.Worlds.job;
import static org.flinkop.domain.reconcile.Worlds.missing;
import static org.flinkop.domain.reconcile.Worlds.running;
import static org.flinkop.domain.reconcile.Worlds.withTrigger;

import java.time.Instant;
import java.util.Map;
import org.flinkop.domain.Docs;
import org.flinkop.domain.decision.Action;
import org.flinkop.domain.decision.Decision;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.ReconciliationState;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.domain.resource.StateLocation;
import org.junit.jupiter.api.Test;

/** An upgrade that does not become ready in time goes back to the last stable spec, from the state the upgrade kept. */
class RollbackTest {

    private static final Instant UPGRADE = T0.plusSeconds(100);

    private static FlinkDeploymentSpec spec(boolean rollback, String image) {
        Map<String, Object> doc = Docs.set(Docs.application(), "spec.image", image);
        if (rollback) {
            Docs.set(doc, "spec.flinkConfiguration[kubernetes.operator.deployment.rollback.enabled]", "true");
            Docs.set(doc, "spec.flinkConfiguration[kubernetes.operator.deployment.readiness.timeout]", "2 min");
        }
        return Worlds.deployment(doc).spec();
    }

    /** Running image flink:1.20, then upgraded by savepoint to {@code image}, whose job never runs. */
    private static Run upgradedTo(boolean rollback, String image) {
        Run run = new Run(Worlds.deployment(Docs.application()));
        run.edit(spec(rollback, "flink:1.20"));
        run.pass(missing(), T0);
        run.pass(running(run.pendingJobId()), T0.plusSeconds(5));
        String old = run.status().jobStatus().jobId();
        run.edit(spec(rollback, image));
        run.pass(running(old), UPGRADE);
        run.pass(withTrigger(job(old, FlinkJobState.FINISHED), new TriggerResult.Completed("file:///sp/before-upgrade")), UPGRADE.plusSeconds(1));
        return run;
    }

    private static org.flinkop.domain.observe.Observed crashLooping(Run run) {
        return Worlds.withJobManager(job(run.pendingJobId(), FlinkJobState.RESTARTING), JobManagerDeploymentStatus.READY);
    }

    @Test
    void an_upgrade_not_ready_in_time_rolls_back_to_the_last_stable_spec_from_the_upgrade_savepoint() {
        Run run = upgradedTo(true, "flink:broken");

        assertThat(run.pass(crashLooping(run), UPGRADE.plusSeconds(60)).effects()).isEmpty();

        Decision<FlinkDeploymentStatus> back = run.pass(crashLooping(run), UPGRADE.plusSeconds(200));
        Action.DeployCluster deploy = (Action.DeployCluster) back.effects().last();
        assertThat(deploy.spec().image()).isEqualTo("flink:1.20");
        assertThat(deploy.restoreFrom()).isEqualTo(StateLocation.savepoint("file:///sp/before-upgrade"));
        assertThat(run.status().reconciliationStatus().state()).isEqualTo(ReconciliationState.ROLLING_BACK);
        assertThat(run.status().lifecycleState()).isEqualTo(ResourceLifecycleState.ROLLING_BACK);

        run.pass(running(run.pendingJobId()), UPGRADE.plusSeconds(205));
        assertThat(run.status().reconciliationStatus().state()).isEqualTo(ReconciliationState.ROLLED_BACK);
        assertThat(run.status().lifecycleState()).isEqualTo(ResourceLifecycleState.ROLLED_BACK);
        assertThat(run.status().reconciliationStatus().lastStableSpec().image()).isEqualTo("flink:1.20");
        assertThat(run.status().error()).contains("did not run within 120s");

        assertThat(run.pass(running(run.status().jobStatus().jobId()), UPGRADE.plusSeconds(400)).effects()).as("the failed spec is not tried again").isEmpty();
        assertThat(run.status().lifecycleState()).isEqualTo(ResourceLifecycleState.ROLLED_BACK);
    }

    @Test
    void a_new_change_after_the_rollback_is_deployed() {
        Run run = upgradedTo(true, "flink:broken");
        run.pass(crashLooping(run), UPGRADE.plusSeconds(200));
        run.pass(running(run.pendingJobId()), UPGRADE.plusSeconds(205));
        run.edit(spec(true, "flink:fixed"));

        Decision<FlinkDeploymentStatus> d = run.pass(running(run.status().jobStatus().jobId()), UPGRADE.plusSeconds(300));

        assertThat(d.effects()).singleElement().isInstanceOf(Action.StopJobWithSavepoint.class);
    }

    @Test
    void a_new_change_during_the_rollback_wins() {
        Run run = upgradedTo(true, "flink:broken");
        run.pass(crashLooping(run), UPGRADE.plusSeconds(200));
        run.edit(spec(true, "flink:fixed"));

        Decision<FlinkDeploymentStatus> d = run.pass(Worlds.withJobManager(missing(), JobManagerDeploymentStatus.DEPLOYING), UPGRADE.plusSeconds(201));

        Action.DeployCluster deploy = (Action.DeployCluster) d.effects().last();
        assertThat(deploy.spec().image()).isEqualTo("flink:fixed");
        assertThat(deploy.restoreFrom()).isEqualTo(StateLocation.savepoint("file:///sp/before-upgrade"));
        assertThat(run.status().reconciliationStatus().state()).isEqualTo(ReconciliationState.UPGRADING);
    }

    @Test
    void without_rollback_the_upgrade_keeps_waiting() {
        Run run = upgradedTo(false, "flink:broken");

        assertThat(run.pass(crashLooping(run), UPGRADE.plusSeconds(3600)).effects()).isEmpty();
        assertThat(run.status().reconciliationStatus().state()).isEqualTo(ReconciliationState.UPGRADING);
    }
}
