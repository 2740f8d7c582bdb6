package org.flinkop.domain.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.domain.reconcile.Worlds.T0;
import static org.flinkop.domain.reconcile.Worlds.application;
import static org.flinkop.domain.reconcile.Worlds.missing;
import static org.flinkop.domain.reconcile.Worlds.running;
import static org.flinkop.domain.reconcile.Worlds.withCheckpoint;
import static org.flinkop.domain.reconcile.Worlds.withoutHaSupport;

import io.vavr.collection.List;
import org.flinkop.domain.Docs;
import org.flinkop.domain.decision.Action;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.resource.StateLocation;
import org.junit.jupiter.api.Test;

class ForecastTest {

    private static Run stableAs(String upgradeMode) {
        Run run = new Run(application(upgradeMode));
        run.pass(missing(), T0);
        run.pass(running(run.pendingJobId()), T0.plusSeconds(5));
        return run;
    }

    private static void editParallelism(Run run, String upgradeMode, int parallelism) {
        run.edit(Worlds.deployment(Docs.set(Docs.set(Docs.application(), "spec.job.upgradeMode", upgradeMode), "spec.job.parallelism", parallelism)).spec());
    }

    @Test
    void a_savepoint_upgrade_forecasts_stop_with_savepoint_then_redeploy_restoring_from_it() {
        Run run = stableAs("savepoint");
        String job = run.status().jobStatus().jobId();
        editParallelism(run, "savepoint", 4);

        List<Action> steps = Forecast.of(run.resource(), running(job), T0.plusSeconds(60), OperatorSettings.defaults());

        assertThat(steps.map(Object::getClass)).containsExactly(Action.StopJobWithSavepoint.class, Action.DeleteCluster.class, Action.DeployCluster.class);
        Action.DeployCluster deploy = (Action.DeployCluster) steps.last();
        assertThat(deploy.spec().job().parallelism()).isEqualTo(4);
        assertThat(deploy.restoreFrom()).isEqualTo(StateLocation.savepoint(Forecast.NEW_SAVEPOINT));
    }

    @Test
    void a_last_state_upgrade_without_ha_forecasts_cancel_then_restore_from_the_latest_checkpoint() {
        Run run = stableAs("last-state");
        String job = run.status().jobStatus().jobId();
        editParallelism(run, "last-state", 3);

        List<Action> steps = Forecast.of(run.resource(), withoutHaSupport(withCheckpoint(running(job), "file:///cp/chk-9", T0.plusSeconds(59))),
                T0.plusSeconds(60), OperatorSettings.defaults());

        assertThat(steps.map(Object::getClass)).containsExactly(Action.CancelJob.class, Action.DeleteCluster.class, Action.DeployCluster.class);
        assertThat(((Action.DeployCluster) steps.last()).restoreFrom()).isEqualTo(StateLocation.checkpoint("file:///cp/chk-9"));
    }

    @Test
    void an_unchanged_running_resource_forecasts_nothing() {
        Run run = stableAs("savepoint");

        assertThat(Forecast.of(run.resource(), running(run.status().jobStatus().jobId()), T0.plusSeconds(60), OperatorSettings.defaults())).isEmpty();
    }

    @Test
    void a_first_deployment_forecasts_one_deploy() {
        Run run = new Run(application("stateless"));

        List<Action> steps = Forecast.of(run.resource(), missing(), T0, OperatorSettings.defaults());

        assertThat(steps.map(Object::getClass)).containsExactly(Action.DeployCluster.class);
    }
}
