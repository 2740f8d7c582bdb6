package org.flinkop.domain.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.domain.reconcile.Worlds.T0;

import io.vavr.control.Option;
import java.util.Map;
import org.flinkop.domain.Docs;
import org.flinkop.domain.decision.Action;
import org.flinkop.domain.decision.Decision;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.observe.Observed;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.ObjectMeta;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.domain.resource.StateLocation;
import org.junit.jupiter.api.Test;

class SessionClusterDeciderTest {

    private FlinkDeployment cluster = Worlds.deployment(Docs.session());

    private Decision<FlinkDeploymentStatus> pass(JobManagerDeploymentStatus jm, int sessionJobs, int secondsAfterT0) {
        Observed observed = new Observed(jm, Option.none(), true, false, Option.none(), Option.none(), Option.none());
        Decision<FlinkDeploymentStatus> d = SessionClusterDecider.decide(cluster, observed, sessionJobs, T0.plusSeconds(secondsAfterT0), OperatorSettings.defaults());
        cluster = cluster.withStatus(d.statusToRecord());
        return d;
    }

    private void markedForDeletionAt(int secondsAfterT0) {
        ObjectMeta m = cluster.metadata();
        cluster = new FlinkDeployment(new ObjectMeta(m.name(), m.namespace(), m.uid(), m.resourceVersion(), m.generation(), m.creationTimestamp(),
                T0.plusSeconds(secondsAfterT0), m.labels(), m.annotations(), m.finalizers()), cluster.spec(), cluster.status());
    }

    private void edit(Map<String, Object> doc) {
        cluster = new FlinkDeployment(cluster.metadata(), Worlds.deployment(doc).spec(), cluster.status());
    }

    @Test
    void deploys_and_becomes_stable_when_ready() {
        assertThat(pass(JobManagerDeploymentStatus.MISSING, 0, 0).effects())
                .containsExactly(new Action.DeployCluster(cluster.spec(), StateLocation.none(), null));
        FlinkDeploymentStatus recorded = cluster.status();
        assertThat(recorded.jobManagerDeploymentStatus()).isEqualTo(JobManagerDeploymentStatus.DEPLOYING);
        assertThat(pass(JobManagerDeploymentStatus.DEPLOYING, 0, 1).effects()).isEmpty();
        assertThat(cluster.status()).as("a starting JobManager changes nothing the deploy recorded").isEqualTo(recorded);
        pass(JobManagerDeploymentStatus.READY, 0, 3);
        assertThat(cluster.status().lifecycleState()).isEqualTo(ResourceLifecycleState.STABLE);
        assertThat(cluster.status().conditions()).singleElement().satisfies(c -> assertThat(c.type() + "=" + c.status()).isEqualTo("Ready=True"));
    }

    @Test
    void an_upgrade_redeploys_only_without_session_jobs_on_it() {
        pass(JobManagerDeploymentStatus.MISSING, 0, 0);
        pass(JobManagerDeploymentStatus.READY, 2, 3);
        edit(Docs.set(Docs.session(), "spec.image", "flink:2.3"));

        Decision<FlinkDeploymentStatus> blocked = pass(JobManagerDeploymentStatus.READY, 2, 60);
        assertThat(blocked.effects()).isEmpty();
        assertThat(cluster.status().error()).contains("2 session job(s) run on it; suspend them first");

        Decision<FlinkDeploymentStatus> upgrade = pass(JobManagerDeploymentStatus.READY, 0, 120);
        assertThat(upgrade.effects().map(Object::getClass)).containsExactly(Action.DeleteCluster.class, Action.DeployCluster.class);
        assertThat(cluster.status().lifecycleState()).isEqualTo(ResourceLifecycleState.UPGRADING);
    }

    @Test
    void a_job_manager_that_does_not_start_fails_the_cluster_with_the_runtimes_reason_until_it_is_ready() {
        pass(JobManagerDeploymentStatus.MISSING, 0, 0);
        Observed failing = new Observed(JobManagerDeploymentStatus.ERROR, Option.none(), true, false, Option.none(), Option.none(), Option.none(), true,
                Option.of("pod s-1, container flink-main-container: CrashLoopBackOff"));
        Decision<FlinkDeploymentStatus> d = SessionClusterDecider.decide(cluster, failing, 0, T0.plusSeconds(30), OperatorSettings.defaults());
        cluster = cluster.withStatus(d.statusToRecord());

        assertThat(d.effects()).as("the runtime keeps trying; nothing is deleted").isEmpty();
        assertThat(cluster.status().lifecycleState()).isEqualTo(ResourceLifecycleState.FAILED);
        assertThat(cluster.status().error()).isEqualTo("the JobManager deployment failed: pod s-1, container flink-main-container: CrashLoopBackOff");

        pass(JobManagerDeploymentStatus.READY, 0, 60);
        assertThat(cluster.status().lifecycleState()).isEqualTo(ResourceLifecycleState.STABLE);
        assertThat(cluster.status().error()).isNull();
    }

    @Test
    void a_lost_cluster_is_deployed_again() {
        pass(JobManagerDeploymentStatus.MISSING, 0, 0);
        pass(JobManagerDeploymentStatus.READY, 1, 3);

        assertThat(pass(JobManagerDeploymentStatus.MISSING, 1, 60).effects()).singleElement().isInstanceOf(Action.DeployCluster.class);
    }

    @Test
    void deletion_waits_for_its_session_jobs_then_removes_the_cluster_then_lets_go() {
        pass(JobManagerDeploymentStatus.MISSING, 0, 0);
        pass(JobManagerDeploymentStatus.READY, 1, 3);
        markedForDeletionAt(50);

        assertThat(pass(JobManagerDeploymentStatus.READY, 1, 60).effects()).isEmpty();
        assertThat(pass(JobManagerDeploymentStatus.READY, 0, 70).effects()).containsExactly(new Action.DeleteCluster(true));
        assertThat(pass(JobManagerDeploymentStatus.MISSING, 0, 80).effects()).containsExactly(new Action.ReleaseResource());
        assertThat(cluster.status().lifecycleState()).isEqualTo(ResourceLifecycleState.DELETED);
    }
    @Test
    void without_high_availability_deletion_removes_the_cluster_and_lets_go_in_one_pass() {
        cluster = Worlds.deployment(Docs.set(Docs.session(), "spec.flinkConfiguration", new java.util.LinkedHashMap<>(Map.of("high-availability.type", "NONE"))));
        pass(JobManagerDeploymentStatus.MISSING, 0, 0);
        pass(JobManagerDeploymentStatus.READY, 0, 3);
        markedForDeletionAt(50);

        assertThat(pass(JobManagerDeploymentStatus.READY, 0, 60).effects()).containsExactly(new Action.DeleteCluster(false), new Action.ReleaseResource());
        assertThat(cluster.status().lifecycleState()).isEqualTo(ResourceLifecycleState.DELETED);
    }
    @Test
    void deletion_removes_ha_metadata_left_after_the_job_manager_and_after_the_cleanup_timeout_does_not_wait_for_a_stopping_one() {
        pass(JobManagerDeploymentStatus.MISSING, 0, 0);
        pass(JobManagerDeploymentStatus.READY, 0, 3);
        markedForDeletionAt(50);
        Observed haLeft = new Observed(JobManagerDeploymentStatus.MISSING, Option.none(), true, true, Option.none(), Option.none(), Option.none());

        Decision<FlinkDeploymentStatus> waiting = SessionClusterDecider.decide(cluster, haLeft, 0, T0.plusSeconds(60), OperatorSettings.defaults());
        Decision<FlinkDeploymentStatus> overdue = SessionClusterDecider.decide(cluster, haLeft, 0, T0.plusSeconds(50 + 300), OperatorSettings.defaults());

        assertThat(waiting.effects()).containsExactly(new Action.DeleteCluster(true));
        assertThat(waiting.statusToRecord().lifecycleState()).isEqualTo(ResourceLifecycleState.DELETING);
        assertThat(overdue.effects()).containsExactly(new Action.DeleteCluster(true, true));
    }
}
