package org.flinkop.domain.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.domain.reconcile.Worlds.T0;
import static org.flinkop.domain.reconcile.Worlds.running;

import org.flinkop.domain.Docs;
import org.flinkop.domain.decision.Action;
import org.flinkop.domain.decision.Decision;
import org.flinkop.domain.decision.EventReason;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.observe.PriorCluster;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.ReconciliationState;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.domain.resource.UpgradePhase;
import org.junit.jupiter.api.Test;

class PriorClusterDeciderTest {

    private static final String JOB = "5f0c9d3c2b1a48e7a6f1e2d3c4b5a697";
    /** The uid {@link Worlds#deployment} gives every resource. */
    private static final String UID = "7c1d";

    private static FlinkDeployment application(String upgradeMode, int parallelism) {
        return Worlds.deployment(Docs.set(Docs.set(Docs.application(), "spec.job.upgradeMode", upgradeMode), "spec.job.parallelism", parallelism));
    }

    private static Decision<FlinkDeploymentStatus> decide(FlinkDeployment resource, PriorCluster prior) {
        return PriorClusterDecider.decide(resource, prior, T0, OperatorSettings.defaults());
    }

    private static java.util.List<String> events(Decision<?> decision, EventReason reason) {
        return decision.actions().filter(a -> a instanceof Action.RecordEvent e && e.reason() == reason)
                .map(a -> ((Action.RecordEvent) a).message()).toJavaList();
    }

    @Test
    void a_cluster_deployed_for_this_resource_is_adopted_as_a_deployment_in_flight_of_what_it_records() {
        FlinkDeployment resource = application("savepoint", 2);
        StateLocation restored = StateLocation.savepoint("file:///savepoints/sp-1");

        Decision<FlinkDeploymentStatus> d = decide(resource, new PriorCluster.Recorded(UID, resource.spec(), restored, JOB));

        assertThat(d.effects()).as("nothing is deployed or deleted").isEmpty();
        var reconciliation = d.statusToRecord().reconciliationStatus();
        assertThat(reconciliation.lastReconciledSpec()).isEqualTo(resource.spec());
        assertThat(reconciliation.state()).isEqualTo(ReconciliationState.UPGRADING);
        assertThat(reconciliation.upgrade().phase()).isEqualTo(UpgradePhase.DEPLOYING);
        assertThat(reconciliation.upgrade().jobId()).isEqualTo(JOB);
        assertThat(reconciliation.upgrade().restoreFrom()).isEqualTo(restored);
        assertThat(d.statusToRecord().lifecycleState()).isEqualTo(ResourceLifecycleState.DEPLOYED);
        assertThat(events(d, EventReason.STATUS_REBUILT)).singleElement().asString().contains(JOB, "not deployed again");
        assertThat(d.lookAgainAfter()).as("the cluster is observed at once").isZero();

        Run run = new Run(resource.withStatus(d.statusToRecord()));
        Decision<FlinkDeploymentStatus> next = run.pass(running(JOB), T0.plusSeconds(1));
        assertThat(next.effects()).as("the running job is the deployment's").isEmpty();
        assertThat(run.status().jobStatus().jobId()).isEqualTo(JOB);
        assertThat(run.status().reconciliationStatus().upgrade()).isNull();
    }

    @Test
    void a_spec_changed_since_the_adopted_deployment_is_an_upgrade_that_takes_the_jobs_state_along() {
        FlinkDeployment deployedFrom = application("savepoint", 2);
        FlinkDeployment resource = application("savepoint", 4);
        Decision<FlinkDeploymentStatus> d = decide(resource, new PriorCluster.Recorded(UID, deployedFrom.spec(), StateLocation.none(), JOB));
        assertThat(d.statusToRecord().reconciliationStatus().lastReconciledSpec()).isEqualTo(deployedFrom.spec());

        Run run = new Run(resource.withStatus(d.statusToRecord()));
        run.pass(running(JOB), T0.plusSeconds(1));
        Decision<FlinkDeploymentStatus> upgrade = run.pass(running(JOB), T0.plusSeconds(2));

        assertThat(upgrade.effects()).as("the job stops with a savepoint before anything is deployed")
                .singleElement().isInstanceOfSatisfying(Action.StopJobWithSavepoint.class, stop -> assertThat(stop.jobId()).isEqualTo(JOB));
    }

    @Test
    void a_session_cluster_deployed_for_this_resource_is_adopted_as_deployed() {
        FlinkDeployment resource = Worlds.deployment(Docs.session());

        Decision<FlinkDeploymentStatus> d = decide(resource, new PriorCluster.Recorded(UID, resource.spec(), StateLocation.none(), null));

        assertThat(d.effects()).isEmpty();
        assertThat(d.statusToRecord().reconciliationStatus().lastReconciledSpec()).isEqualTo(resource.spec());
        assertThat(d.statusToRecord().reconciliationStatus().state()).isEqualTo(ReconciliationState.DEPLOYED);
        assertThat(d.statusToRecord().reconciliationStatus().upgrade()).isNull();
        assertThat(events(d, EventReason.STATUS_REBUILT)).hasSize(1);
    }

    @Test
    void a_cluster_deployed_for_an_earlier_resource_of_the_same_name_is_left_alone_and_named() {
        FlinkDeployment resource = application("savepoint", 2);

        Decision<FlinkDeploymentStatus> d = decide(resource, new PriorCluster.Recorded("0ld", resource.spec(), StateLocation.none(), JOB));

        assertNotAdopted(d, "metadata.name", "earlier FlinkDeployment", "uid 0ld");
    }

    @Test
    void a_cluster_of_the_other_kind_is_left_alone() {
        FlinkDeployment session = Worlds.deployment(Docs.session());
        FlinkDeploymentSpec application = application("savepoint", 2).spec();

        assertNotAdopted(decide(session, new PriorCluster.Recorded(UID, application, StateLocation.none(), JOB)), "application cluster", "spec.job");
        assertNotAdopted(decide(application("stateless", 2), new PriorCluster.Recorded(UID, session.spec(), StateLocation.none(), null)),
                "session cluster", "spec.job");
    }

    @Test
    void an_object_that_is_not_a_cluster_to_adopt_is_left_alone_with_what_it_is() {
        assertNotAdopted(decide(application("last-state", 2), new PriorCluster.Unadoptable("Deployment ns/orders exists and was not deployed by flinkop")),
                "metadata.name: Deployment ns/orders exists and was not deployed by flinkop", "another name");
    }

    private static void assertNotAdopted(Decision<FlinkDeploymentStatus> d, String... mentions) {
        assertThat(d.effects()).as("nothing is deployed").isEmpty();
        assertThat(d.statusToRecord().reconciliationStatus() == null || d.statusToRecord().reconciliationStatus().lastReconciledSpec() == null)
                .as("still never deployed").isTrue();
        assertThat(d.statusToRecord().error()).contains(mentions);
        assertThat(events(d, EventReason.CLUSTER_NOT_ADOPTED)).singleElement().asString().contains(mentions);
        assertThat(d.lookAgainAfter()).isEqualTo(OperatorSettings.defaults().reconcileInterval());
    }
}
