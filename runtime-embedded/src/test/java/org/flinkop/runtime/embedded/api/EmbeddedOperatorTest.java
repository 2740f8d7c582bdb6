package org.flinkop.runtime.embedded.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.ports.api.OperatorApi;
import org.flinkop.testkit.flink.FakeFlink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding API with the durable store on disk and the testkit's Flink in place of real clusters: what a host
 * platform sees, without starting Flink.
 */
class EmbeddedOperatorTest {

    private static final ResourceKey ORDERS = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "streaming", "orders");

    @TempDir
    Path work;

    private final FakeFlink flink = new FakeFlink(Clock.systemUTC(), false,
            new FakeFlink.Latencies(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(50)));

    @Test
    void a_host_applies_watches_and_plans_and_resources_survive_a_restart() throws Exception {
        List<FlinkResource> seen = new CopyOnWriteArrayList<>();
        try (EmbeddedOperator operator = EmbeddedOperator.builder().workDirectory(work).clusters(flink).flink(flink).start();
                AutoCloseable watch = operator.watch(ORDERS, seen::add)) {
            assertThat(operator.apply(orders(2)).isRight()).isTrue();

            awaitStable(operator);
            assertThat(seen).extracting(r -> ((FlinkDeployment) r).status() == null ? null : ((FlinkDeployment) r).status().lifecycleState())
                    .contains(ResourceLifecycleState.STABLE);
            OperatorApi.Plan plan = operator.plan(orders(4)).get();
            assertThat(plan.steps()).hasSize(3);
            assertThat(operator.list(ResourceKind.FLINK_DEPLOYMENT)).hasSize(1);
        }
        try (EmbeddedOperator again = EmbeddedOperator.builder().workDirectory(work).clusters(flink).flink(flink).start()) {
            FlinkDeployment back = (FlinkDeployment) again.get(ORDERS).get();
            assertThat(back.status().lifecycleState()).as("read back from the durable store").isEqualTo(ResourceLifecycleState.STABLE);
        }
    }

    @Test
    void an_invalid_document_is_refused_with_every_violation_and_nothing_is_stored() throws Exception {
        try (EmbeddedOperator operator = EmbeddedOperator.builder().workDirectory(work).clusters(flink).flink(flink).start()) {
            var refused = operator.apply(Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkDeployment",
                    "metadata", Map.of("name", "orders", "namespace", "streaming"), "spec", Map.of("flinkVersion", "v1_20", "job",
                            Map.of("jarURI", "file:///orders.jar", "parallelism", 0, "upgradeMode", "sometimes"))));

            assertThat(refused.getLeft()).isInstanceOfSatisfying(OperatorApi.Refusal.Invalid.class,
                    invalid -> assertThat(invalid.violations().map(v -> v.path())).contains("spec.job.parallelism", "spec.job.upgradeMode"));
            assertThat(operator.get(ORDERS)).isEmpty();
        }
    }

    @Test
    void a_second_operator_on_the_same_directory_is_refused() throws Exception {
        try (EmbeddedOperator operator = EmbeddedOperator.builder().workDirectory(work).clusters(flink).flink(flink).start()) {
            assertThat(operator).isNotNull();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddedOperator.builder().workDirectory(work).clusters(flink).flink(flink).start())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("store");
        }
    }

    private static void awaitStable(EmbeddedOperator operator) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            var now = operator.get(ORDERS);
            if (now.isDefined() && ((FlinkDeployment) now.get()).status() != null
                    && ((FlinkDeployment) now.get()).status().lifecycleState() == ResourceLifecycleState.STABLE) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not stable: " + operator.get(ORDERS));
    }

    private static Map<String, Object> orders(int parallelism) {
        return Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkDeployment", "metadata", Map.of("name", "orders", "namespace", "streaming"),
                "spec", Map.of("flinkVersion", "v1_20",
                        "flinkConfiguration", Map.of("execution.checkpointing.dir", "file:///cp", "execution.checkpointing.savepoint-dir", "file:///sp"),
                        "jobManager", Map.of("resource", Map.of("memory", "1g", "cpu", 1)),
                        "taskManager", Map.of("resource", Map.of("memory", "1g", "cpu", 1)),
                        "job", Map.of("jarURI", "file:///orders.jar", "parallelism", parallelism, "upgradeMode", "savepoint")));
    }
}
