package org.flinkop.runtime.operator.leader;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.flinkop.domain.decision.Action.EventType;
import org.flinkop.domain.decision.EventReason;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.cluster.ClusterOwner;
import org.flinkop.ports.reconcile.PassOutcome;
import org.flinkop.ports.reconcile.Reconciler;
import org.flinkop.ports.store.RecordedEvent;
import org.flinkop.runtime.operator.TestResources;
import org.flinkop.runtime.operator.metrics.OperatorMetrics;
import org.flinkop.testkit.artifact.FakeArtifacts;
import org.flinkop.testkit.flink.FakeFlink;
import org.flinkop.testkit.store.FakeResourceStore;
import org.junit.jupiter.api.Test;

/** Passes over the gated ports and the testkit's fakes: only an operator that leads acts, and it stops the moment it does not. */
class LeaderOnlyTest {

    private static final ResourceKey APP = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "ns", "app");

    private final FakeResourceStore store = new FakeResourceStore(Clock.systemUTC());
    private final FakeFlink flink = new FakeFlink(Clock.systemUTC(), true, FakeFlink.Latencies.defaults());

    private Reconciler reconciler(Leadership leadership) {
        return new Reconciler(new Reconciler.Ports(new LeaderOnlyStore(store, leadership), new LeaderOnlyDeployer(flink, leadership),
                new LeaderOnlyFlink(flink, leadership), new FakeArtifacts(false, 1), Clock.systemUTC(), OperatorSettings.defaults()));
    }

    @Test
    void the_leader_deploys_records_the_status_and_its_events_as_without_leader_election() {
        store.apply(TestResources.application("ns", "app", Map.of()));

        PassOutcome outcome = reconciler(() -> true).reconcile(APP);

        assertThat(outcome.isFailure()).as("%s", outcome).isFalse();
        assertThat(store.get(APP).get().status()).isNotNull();
        assertThat(flink.clusterExists(APP)).isTrue();
    }

    @Test
    void a_standby_writes_no_status_deploys_nothing_and_records_no_event() {
        store.apply(TestResources.application("ns", "app", Map.of()));

        PassOutcome outcome = reconciler(() -> false).reconcile(APP);

        assertThat(outcome.failure().map(PortFailure::reason).getOrNull()).isEqualTo(PortFailure.Reason.UNAVAILABLE);
        assertThat(store.get(APP).get().status()).isNull();
        assertThat(flink.clusterExists(APP)).isFalse();
        assertThat(store.events(APP)).isEmpty();
    }

    @Test
    void leadership_lost_in_the_middle_of_a_pass_stops_every_action_after_it() {
        store.apply(TestResources.application("ns", "app", Map.of()));
        AtomicInteger checks = new AtomicInteger();
        // leads until the decided status is recorded, not for any action after it
        Leadership lostAfterTheStatus = () -> checks.incrementAndGet() > 0 && store.get(APP).get().status() == null;

        PassOutcome outcome = reconciler(lostAfterTheStatus).reconcile(APP);

        assertThat(checks.get()).as("each later action was checked").isGreaterThan(1);
        assertThat(outcome.failure().map(PortFailure::reason).getOrNull()).isEqualTo(PortFailure.Reason.UNAVAILABLE);
        assertThat(store.get(APP).get().status()).as("the status written while leading").isNotNull();
        assertThat(flink.clusterExists(APP)).as("no deploy after leadership ended").isFalse();
        assertThat(store.events(APP)).as("no event after leadership ended").isEmpty();
    }

    @Test
    void reads_go_through_for_a_standby_and_every_action_is_refused() {
        flink.deploy(APP, ClusterOwner.UNKNOWN, ((FlinkDeployment) TestResources.application("ns", "app", Map.of())).spec(), StateLocation.none(),
                "00000000000000000000000000000001");
        LeaderOnlyFlink standbyFlink = new LeaderOnlyFlink(flink, () -> false);
        LeaderOnlyDeployer standbyDeployer = new LeaderOnlyDeployer(flink, () -> false);
        LeaderOnlyStore standbyStore = new LeaderOnlyStore(store, () -> false);
        URI endpoint = URI.create("http://nowhere:8081");

        assertThat(standbyDeployer.observe(APP)).isEqualTo(flink.observe(APP));
        assertThat(standbyFlink.jobs(endpoint)).isEqualTo(flink.jobs(endpoint));
        assertThat(standbyDeployer.delete(APP, true).getLeft().reason()).isEqualTo(PortFailure.Reason.UNAVAILABLE);
        assertThat(standbyDeployer.rescale(APP, 2, 2).isLeft()).isTrue();
        assertThat(standbyFlink.cancel(endpoint, "j").getLeft()).isEqualTo(LeaderOnly.notLeading());
        assertThat(standbyFlink.disposeSavepoint(endpoint, "/savepoints/1").isLeft()).isTrue();
        assertThat(standbyStore.apply(TestResources.application("ns", "app", Map.of())).isLeft()).isTrue();
        assertThat(standbyStore.delete(APP).isLeft()).isTrue();
        standbyStore.recordEvent(APP, new RecordedEvent(Instant.EPOCH, EventReason.JOB_FAILED, EventType.WARNING, "dropped"));
        assertThat(store.events(APP)).isEmpty();
        assertThat(flink.clusterExists(APP)).as("nothing was deleted").isTrue();
    }

    @Test
    void the_leader_gauge_says_whether_this_operator_acts() {
        OperatorMetrics metrics = new OperatorMetrics();
        assertThat(metrics.scrape(gauges(false))).contains("# TYPE flinkop_leader gauge").contains("\nflinkop_leader 0\n");
        assertThat(metrics.scrape(gauges(true))).contains("\nflinkop_leader 1\n");
    }

    private static OperatorMetrics.Gauges gauges(boolean leader) {
        return new OperatorMetrics.Gauges() {
            @Override
            public int queueDepth() {
                return 0;
            }

            @Override
            public Map<ResourceKind, Map<String, Integer>> resourcesByState() {
                return Map.of();
            }

            @Override
            public boolean ready() {
                return true;
            }

            @Override
            public boolean leader() {
                return leader;
            }
        };
    }
}
