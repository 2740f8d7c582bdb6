package org.flinkop.testkit.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.ports.cluster.ClusterOwner;
import org.flinkop.ports.flink.JobDetails;
import org.junit.jupiter.api.Test;

/** What the simulator relies on: checkpoints on their interval, progress carried by snapshots, HA metadata, faults. */
class FakeFlinkTest {

    private static final String JOB = "0123456789abcdef0123456789abcdef";
    private static final String NEXT = "0123456789abcdef0123456789abcdee";
    private final FakeFlinkFixture fixture = new FakeFlinkFixture();
    private final ResourceKey key = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "sim", "orders");

    private URI deploy(Map<String, String> configuration, StateLocation restore, String jobId) {
        fixture.flink.deploy(key, ClusterOwner.UNKNOWN, FakeFlinkFixture.spec(true, configuration), restore, jobId);
        fixture.awaitUntil(() -> fixture.flink.runningJobs(key).exists(j -> j.jobId().equals(jobId)));
        return fixture.flink.observe(key).get().restEndpoint().get();
    }

    @Test
    void checkpoints_complete_on_their_interval_and_carry_the_jobs_progress() {
        URI endpoint = deploy(Map.of("execution.checkpointing.interval", "10s"), StateLocation.none(), JOB);

        fixture.clock.advance(Duration.ofSeconds(35));

        var checkpoint = fixture.flink.latestCheckpoint(endpoint, JOB).get().get();
        assertThat(checkpoint.path()).endsWith("chk-3");
        assertThat(fixture.flink.progressOf(key, JOB)).isEqualTo(35);
    }

    @Test
    void a_job_restored_from_a_savepoint_continues_from_its_progress() {
        URI endpoint = deploy(Map.of(), StateLocation.none(), JOB);
        fixture.clock.advance(Duration.ofSeconds(20));
        fixture.flink.stopWithSavepoint(endpoint, JOB, "t1", false, Option.none());
        fixture.awaitUntil(() -> fixture.flink.savepointResult(endpoint, JOB, "t1").get() instanceof TriggerResult.Completed);
        String path = ((TriggerResult.Completed) fixture.flink.savepointResult(endpoint, JOB, "t1").get()).path();
        assertThat(fixture.flink.job(endpoint, JOB).get().map(JobDetails::job).get().state()).isEqualTo(FlinkJobState.FINISHED);

        fixture.flink.delete(key, true);
        deploy(Map.of(), StateLocation.savepoint(path), NEXT);

        assertThat(fixture.flink.restores().last()).satisfies(r -> {
            assertThat(r.fromPath()).isEqualTo(path);
            assertThat(r.progress()).isEqualTo(20);
        });
    }

    @Test
    void ha_metadata_outlives_a_lost_job_manager_and_restores_the_latest_checkpoint() {
        Map<String, String> ha = Map.of("execution.checkpointing.interval", "5s", "high-availability.type", "kubernetes");
        deploy(ha, StateLocation.none(), JOB);
        fixture.clock.advance(Duration.ofSeconds(12));

        fixture.flink.loseJobManager(key);
        assertThat(fixture.flink.observe(key).get().haMetadataPresent()).isTrue();

        deploy(ha, StateLocation.haMetadata(), NEXT);
        assertThat(fixture.flink.restores().last().progress()).isEqualTo(10);
        assertThat(fixture.flink.restores().last().fromPath()).endsWith("chk-2");
    }

    @Test
    void an_injected_savepoint_failure_leaves_the_job_running() {
        URI endpoint = deploy(Map.of(), StateLocation.none(), JOB);
        fixture.flink.failNextSavepoint(key, "disk full");

        fixture.flink.stopWithSavepoint(endpoint, JOB, "t1", false, Option.none());

        assertThat(fixture.flink.savepointResult(endpoint, JOB, "t1").get()).isEqualTo(new TriggerResult.Failed("disk full"));
        assertThat(fixture.flink.runningJobs(key).map(j -> j.jobId())).containsExactly(JOB);
    }

    @Test
    void an_unreachable_cluster_times_out_as_a_value() {
        URI endpoint = deploy(Map.of(), StateLocation.none(), JOB);
        fixture.flink.unreachable(key);

        assertThat(fixture.flink.job(endpoint, JOB).getLeft().reason().name()).isEqualTo("TIMEOUT");
        fixture.flink.reachable(key);
        assertThat(fixture.flink.job(endpoint, JOB).isRight()).isTrue();
    }
}
