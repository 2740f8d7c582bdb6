package org.flinkop.adapters.kubernetes.store;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceLifecycleState;

/** FlinkDeployments and statuses for the integration tests, and a wait for what the API server reports later. */
final class Deployments {

    private Deployments() {
    }

    static FlinkDeployment deployment(String namespace, String name, int parallelism, Map<String, String> labels) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        if (!labels.isEmpty()) {
            metadata.put("labels", labels);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", FlinkResource.API_VERSION);
        doc.put("kind", "FlinkDeployment");
        doc.put("metadata", metadata);
        doc.put("spec", Map.of(
                "flinkVersion", "v1_20",
                "jobManager", Map.of("resource", Map.of("memory", "1g", "cpu", 1)),
                "taskManager", Map.of("resource", Map.of("memory", "1g", "cpu", 1)),
                "job", Map.of("jarURI", "local:///opt/flink/job.jar", "parallelism", parallelism, "upgradeMode", "stateless")));
        return (FlinkDeployment) ResourceBinding.decode(doc).resource().get();
    }

    static FlinkDeployment deployment(String namespace, String name) {
        return deployment(namespace, name, 1, Map.of());
    }

    static FlinkDeploymentStatus status(ResourceLifecycleState lifecycle) {
        return new FlinkDeploymentStatus(null, null, 1L, lifecycle, null, null, null, null, List.of(), null);
    }

    /** Waits until {@code condition} holds; fails naming {@code what} if it does not within a minute. */
    static void eventually(String what, BooleanSupplier condition) {
        Duration timeout = Duration.ofSeconds(60);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not true within " + timeout);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
        }
    }
}
