package org.flinkop.runtime.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.runtime.operator.TestResources;
import org.flinkop.testkit.store.FakeResourceStore;
import org.junit.jupiter.api.Test;

class RelatedTriggersTest {

    private final FakeResourceStore store = new FakeResourceStore(Clock.systemUTC());
    private final List<ResourceKey> triggered = new ArrayList<>();
    private final RelatedTriggers related = new RelatedTriggers(store, triggered::add);

    @Test
    void a_session_jobs_change_and_deletion_reach_its_session_cluster() {
        store.apply(TestResources.sessionJob("ns", "job", "cluster"));
        ResourceKey job = new ResourceKey(ResourceKind.FLINK_SESSION_JOB, "ns", "job");
        ResourceKey cluster = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "ns", "cluster");

        related.changed(job);
        store.delete(job);
        related.changed(job);

        assertThat(triggered).containsExactly(cluster, cluster);
    }

    @Test
    void a_snapshots_change_reaches_the_job_it_references() {
        store.apply(TestResources.snapshotOfSessionJob("ns", "snap", "job"));
        related.changed(new ResourceKey(ResourceKind.FLINK_STATE_SNAPSHOT, "ns", "snap"));
        assertThat(triggered).containsExactly(new ResourceKey(ResourceKind.FLINK_SESSION_JOB, "ns", "job"));
    }

    @Test
    void a_deployments_change_and_what_was_never_seen_reach_nothing_else() {
        store.apply(TestResources.application("ns", "app", java.util.Map.of()));
        related.changed(new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "ns", "app"));
        related.changed(new ResourceKey(ResourceKind.FLINK_SESSION_JOB, "ns", "never-seen"));
        assertThat(triggered).isEmpty();
    }
}
