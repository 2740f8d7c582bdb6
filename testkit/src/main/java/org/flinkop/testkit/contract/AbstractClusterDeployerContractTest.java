package org.flinkop.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BooleanSupplier;
import org.flinkop.domain.observe.PriorCluster;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.flinkop.ports.cluster.ClusterObservation;
import org.flinkop.ports.cluster.ClusterOwner;
import org.junit.jupiter.api.Test;

/** What every {@link ClusterDeployer} must do. Extend it with the deployer to test and a spec it can run. */
public abstract class AbstractClusterDeployerContractTest {

    private static int names;

    protected abstract ClusterDeployer deployer();

    /** An application cluster spec this deployer can run (a real jar for a real runtime). */
    protected abstract FlinkDeploymentSpec applicationSpec();

    /** Waits until {@code condition} holds, failing after the deployer's own reasonable time; fakes advance their clock. */
    protected abstract void awaitUntil(BooleanSupplier condition);

    /** The namespace clusters are deployed in. */
    protected String namespace() {
        return "contract";
    }

    /** Makes what a deployer needs before a cluster of {@code key} is deployed (a Kubernetes deployer: the FlinkDeployment that owns it). */
    protected void beforeDeploy(ResourceKey key) {
    }

    private io.vavr.control.Either<org.flinkop.ports.PortFailure, org.flinkop.ports.Done> deploy(ResourceKey key, String jobId) {
        beforeDeploy(key);
        return deployer().deploy(key, ClusterOwner.UNKNOWN, applicationSpec(), StateLocation.none(), jobId);
    }

    private ResourceKey key() {
        return new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, namespace(), "deployer-contract-" + (++names));
    }

    private ClusterObservation observe(ResourceKey key) {
        var observed = deployer().observe(key);
        assertThat(observed.isRight()).as("observe %s: %s", key, observed).isTrue();
        return observed.get();
    }

    @Test
    void a_cluster_that_does_not_exist_is_missing_not_a_failure() {
        assertThat(observe(key()).jobManager()).isEqualTo(JobManagerDeploymentStatus.MISSING);
    }

    @Test
    void a_deployed_cluster_becomes_ready_with_a_rest_endpoint() {
        ResourceKey key = key();
        assertThat(deploy(key, "0123456789abcdef0123456789abcdef").isRight()).isTrue();

        awaitUntil(() -> observe(key).jobManager() == JobManagerDeploymentStatus.READY);

        assertThat(observe(key).restEndpoint()).isNotEmpty();
        deployer().delete(key, true);
    }

    @Test
    void deploying_the_same_spec_and_job_again_changes_nothing() {
        ResourceKey key = key();
        deploy(key, "0123456789abcdef0123456789abcdee");
        awaitUntil(() -> observe(key).jobManager() == JobManagerDeploymentStatus.READY);
        var endpoint = observe(key).restEndpoint();

        assertThat(deployer().deploy(key, ClusterOwner.UNKNOWN, applicationSpec(), StateLocation.none(), "0123456789abcdef0123456789abcdee").isRight()).isTrue();

        assertThat(observe(key).jobManager()).isEqualTo(JobManagerDeploymentStatus.READY);
        assertThat(observe(key).restEndpoint()).isEqualTo(endpoint);
        deployer().delete(key, true);
    }

    @Test
    void observing_what_runs_without_ha_metadata_sees_the_same_cluster() {
        ResourceKey key = key();
        assertThat(deployer().observeRunning(key).get().jobManager()).isEqualTo(JobManagerDeploymentStatus.MISSING);
        deploy(key, "0123456789abcdef0123456789abcdec");
        awaitUntil(() -> observe(key).jobManager() == JobManagerDeploymentStatus.READY);

        ClusterObservation running = deployer().observeRunning(key).get();

        assertThat(running.jobManager()).isEqualTo(JobManagerDeploymentStatus.READY);
        assertThat(running.restEndpoint()).isEqualTo(observe(key).restEndpoint());
        assertThat(running.haMetadataPresent()).isFalse();
        deployer().delete(key, true);
    }

    @Test
    void a_deleted_cluster_is_missing_and_deleting_again_is_fine() {
        ResourceKey key = key();
        deploy(key, "0123456789abcdef0123456789abcded");
        awaitUntil(() -> observe(key).jobManager() == JobManagerDeploymentStatus.READY);

        assertThat(deployer().delete(key, true).isRight()).isTrue();
        awaitUntil(() -> observe(key).jobManager() == JobManagerDeploymentStatus.MISSING);
        assertThat(deployer().delete(key, true).isRight()).isTrue();
        assertThat(observe(key).haMetadataPresent()).isFalse();
    }

    @Test
    void a_whole_cluster_and_one_that_is_gone_have_nothing_made_again() {
        ResourceKey key = key();
        assertThat(deployer().restoreDeleted(key).get()).as("no cluster").isEmpty();
        deploy(key, "0123456789abcdef0123456789abcdeb");
        awaitUntil(() -> observe(key).jobManager() == JobManagerDeploymentStatus.READY);
        var endpoint = observe(key).restEndpoint();

        assertThat(deployer().restoreDeleted(key).get()).as("a whole cluster").isEmpty();

        assertThat(observe(key).jobManager()).isEqualTo(JobManagerDeploymentStatus.READY);
        assertThat(observe(key).restEndpoint()).isEqualTo(endpoint);
        assertThat(deployer().delete(key, true).isRight()).isTrue();
        awaitUntil(() -> observe(key).jobManager() == JobManagerDeploymentStatus.MISSING);
        assertThat(deployer().restoreDeleted(key).get()).as("a deleted cluster").isEmpty();
        assertThat(observe(key).jobManager()).isEqualTo(JobManagerDeploymentStatus.MISSING);
    }

    @Test
    void a_deployed_cluster_is_found_in_its_place_with_what_it_was_deployed_from_until_it_is_deleted() {
        ResourceKey key = key();
        assertThat(deployer().priorCluster(key).get()).as("nothing in place").isEmpty();
        deploy(key, "0123456789abcdef0123456789abcdea");
        awaitUntil(() -> observe(key).jobManager() == JobManagerDeploymentStatus.READY);

        assertThat(deployer().priorCluster(key).get()).singleElement().isInstanceOfSatisfying(PriorCluster.Recorded.class, recorded -> {
            assertThat(recorded.spec()).isEqualTo(applicationSpec());
            assertThat(recorded.restoreFrom()).isEqualTo(StateLocation.none());
            assertThat(recorded.jobId()).isEqualTo("0123456789abcdef0123456789abcdea");
        });

        assertThat(deployer().delete(key, true).isRight()).isTrue();
        awaitUntil(() -> deployer().priorCluster(key).get().isEmpty());
        assertThat(observe(key).jobManager()).isEqualTo(JobManagerDeploymentStatus.MISSING);
    }
}
