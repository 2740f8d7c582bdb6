package org.flinkop.runtime.operator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.FlinkResource;

/** Resources as documents, for tests that need a few in a fake store. */
public final class TestResources {

    private TestResources() {
    }

    public static FlinkResource application(String namespace, String name, Map<String, String> configuration) {
        return decode(Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkDeployment", "metadata", Map.of("name", name, "namespace", namespace),
                "spec", Map.of("image", "flink:1.20", "flinkVersion", "v1_20", "flinkConfiguration", new LinkedHashMap<>(configuration),
                        "jobManager", Map.of("resource", Map.of("memory", "2048m", "cpu", 1)),
                        "taskManager", Map.of("resource", Map.of("memory", "2048m", "cpu", 1)),
                        "job", Map.of("jarURI", "local:///opt/flink/job.jar", "parallelism", 2, "upgradeMode", "stateless"))));
    }

    public static FlinkResource sessionJob(String namespace, String name, String cluster) {
        return decode(Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkSessionJob", "metadata", Map.of("name", name, "namespace", namespace),
                "spec", Map.of("deploymentName", cluster, "job", Map.of("jarURI", "https://example.com/job.jar", "parallelism", 1, "args", List.of()))));
    }

    public static FlinkResource snapshotOfSessionJob(String namespace, String name, String job) {
        return decode(Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkStateSnapshot", "metadata", Map.of("name", name, "namespace", namespace),
                "spec", Map.of("checkpoint", Map.of(), "jobReference", Map.of("kind", "FlinkSessionJob", "name", job))));
    }

    private static FlinkResource decode(Map<String, Object> document) {
        return ResourceBinding.decode(document).resource().getOrElseThrow(() -> new IllegalArgumentException("not a resource: " + document));
    }
}
