package org.flinkop.testkit.flink;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.testkit.time.ManualClock;

/** A fake Flink world and its clock, and the way a test waits in it: by moving the clock. */
final class FakeFlinkFixture {

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-01T10:00:00Z"));
    final FakeFlink flink = new FakeFlink(clock, true, FakeFlink.Latencies.defaults());

    void awaitUntil(BooleanSupplier condition) {
        for (int i = 0; i < 600; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            clock.advance(Duration.ofMillis(100));
        }
        throw new AssertionError("not true within 60 s of fake time");
    }

    static FlinkDeploymentSpec spec(boolean application, Map<String, String> configuration) {
        Map<String, Object> spec = new java.util.LinkedHashMap<>(Map.of(
                "flinkVersion", "v1_20",
                "flinkConfiguration", configuration,
                "jobManager", Map.of("resource", Map.of("memory", "1g", "cpu", 1)),
                "taskManager", Map.of("resource", Map.of("memory", "1g", "cpu", 1))));
        if (application) {
            spec.put("job", Map.of("jarURI", "local:///opt/flink/job.jar", "parallelism", 1, "upgradeMode", "savepoint"));
        }
        Map<String, Object> doc = Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkDeployment", "metadata", Map.of("name", "fixture"), "spec", spec);
        return ((FlinkDeployment) ResourceBinding.decode(doc).resource().get()).spec();
    }
}
