package org.flinkop.testkit.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.domain.validation.Reason;
import org.flinkop.ports.api.OperatorApi;
import org.flinkop.ports.artifact.Artifact;
import org.flinkop.ports.reconcile.Reconciler;
import org.flinkop.testkit.flink.FakeFlink;
import org.flinkop.testkit.store.FakeResourceStore;
import org.flinkop.testkit.time.ManualClock;
import org.junit.jupiter.api.Test;

class OperatorApiTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-01T10:00:00Z"));
    private final FakeResourceStore store = new FakeResourceStore(clock);
    private final FakeFlink flink = new FakeFlink(clock, true, FakeFlink.Latencies.defaults());
    private final Reconciler reconciler = new Reconciler(new Reconciler.Ports(store, flink, flink, uri -> Either.right(new Artifact("/a", "0", 1)), clock,
            OperatorSettings.defaults()));
    private final OperatorApi api = new OperatorApi(store, reconciler, false);
    private static final ResourceKey ORDERS = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "streaming", "orders");

    private static Map<String, Object> orders(int parallelism, String memory) {
        return Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkDeployment", "metadata", Map.of("name", "orders", "namespace", "streaming"),
                "spec", Map.of("flinkVersion", "v1_20",
                        "flinkConfiguration", Map.of("state.checkpoints.dir", "file:///cp", "state.savepoints.dir", "file:///sp"),
                        "jobManager", Map.of("resource", Map.of("memory", memory, "cpu", 1)),
                        "taskManager", Map.of("resource", Map.of("memory", "1g", "cpu", 1)),
                        "job", Map.of("jarURI", "local:///opt/flink/job.jar", "parallelism", parallelism, "upgradeMode", "savepoint")));
    }

    private void runUntilStable() {
        for (int i = 0; i < 60 && !(store.get(ORDERS).get() instanceof FlinkDeployment d && d.status() != null
                && d.status().lifecycleState() == ResourceLifecycleState.STABLE); i++) {
            reconciler.reconcile(ORDERS);
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void an_invalid_document_is_refused_with_every_violation_and_nothing_is_stored() {
        var refused = api.apply(orders(0, "lots"));

        assertThat(refused.getLeft()).isInstanceOfSatisfying(OperatorApi.Refusal.Invalid.class, invalid ->
                assertThat(invalid.violations().map(v -> v.reason())).containsExactlyInAnyOrder(Reason.OUT_OF_RANGE, Reason.INVALID_MEMORY));
        assertThat(api.get(ORDERS)).isEmpty();
    }

    @Test
    void plan_says_what_a_change_would_do_and_does_nothing() {
        api.apply(orders(2, "1g"));
        runUntilStable();
        FlinkResource before = api.get(ORDERS).get();

        OperatorApi.Plan plan = api.plan(orders(4, "1g")).get();

        assertThat(plan.steps()).hasSize(3);
        assertThat(plan.steps().get(0)).startsWith("stop job ").endsWith(" with a savepoint");
        assertThat(plan.steps().get(1)).isEqualTo("remove the cluster and its HA metadata");
        assertThat(plan.steps().get(2)).isEqualTo("deploy the cluster with parallelism 4, restoring from that savepoint");
        assertThat(plan.proposed().metadata().generation()).isEqualTo(before.metadata().generation() + 1);
        assertThat(api.get(ORDERS).get()).isEqualTo(before);
        assertThat(flink.runningJobs(ORDERS)).hasSize(1);
    }

    @Test
    void plan_of_a_new_resource_creates_and_deploys_it() {
        assertThat(api.plan(orders(2, "1g")).get().steps()).containsExactly("create the FlinkDeployment", "deploy the cluster with parallelism 2, starting empty");
        assertThat(api.get(ORDERS)).isEmpty();
    }

    @Test
    void watch_reports_every_status_change_until_closed() throws Exception {
        List<ResourceLifecycleState> seen = new ArrayList<>();
        try (AutoCloseable watch = api.watch(ORDERS, r -> {
            FlinkDeployment d = (FlinkDeployment) r;
            if (d.status() != null && (seen.isEmpty() || seen.get(seen.size() - 1) != d.status().lifecycleState())) {
                seen.add(d.status().lifecycleState());
            }
        })) {
            api.apply(orders(2, "1g"));
            runUntilStable();
        }

        assertThat(seen).containsExactly(ResourceLifecycleState.CREATED, ResourceLifecycleState.STABLE);
    }
}
