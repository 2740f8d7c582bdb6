package org.flinkop.testkit.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;

/** Resource documents for scenarios, as users write them. */
final class Resources {

    static final String NS = "streaming";

    private Resources() {
    }

    static ResourceKey deployment(String name) {
        return new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, NS, name);
    }

    static ResourceKey sessionJobKey(String name) {
        return new ResourceKey(ResourceKind.FLINK_SESSION_JOB, NS, name);
    }

    static Map<String, Object> application(String name, String mode, int parallelism, String state, Map<String, String> extra) {
        Map<String, String> configuration = new LinkedHashMap<>(Map.of(
                "execution.checkpointing.interval", "5s",
                "state.checkpoints.dir", "file:///cp",
                "state.savepoints.dir", "file:///sp",
                "high-availability.type", "kubernetes",
                "high-availability.storageDir", "file:///ha"));
        configuration.putAll(extra);
        return Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkDeployment", "metadata", Map.of("name", name, "namespace", NS),
                "spec", Map.of("flinkVersion", "v1_20", "flinkConfiguration", configuration,
                        "jobManager", Map.of("resource", Map.of("memory", "1g", "cpu", 1)),
                        "taskManager", Map.of("resource", Map.of("memory", "1g", "cpu", 1)),
                        "job", Map.of("jarURI", "local:///opt/flink/job.jar", "parallelism", parallelism, "upgradeMode", mode, "state", state)));
    }

    static Map<String, Object> application(String name, String mode, int parallelism) {
        return application(name, mode, parallelism, "running", Map.of());
    }

    static Map<String, Object> sessionCluster(String name) {
        return Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkDeployment", "metadata", Map.of("name", name, "namespace", NS),
                "spec", Map.of("flinkVersion", "v1_20", "flinkConfiguration", Map.of("state.checkpoints.dir", "file:///cp", "state.savepoints.dir", "file:///sp"),
                        "jobManager", Map.of("resource", Map.of("memory", "1g", "cpu", 1)),
                        "taskManager", Map.of("resource", Map.of("memory", "1g", "cpu", 1))));
    }

    static Map<String, Object> sessionJob(String name, String cluster, String mode, int parallelism) {
        return Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkSessionJob", "metadata", Map.of("name", name, "namespace", NS),
                "spec", Map.of("deploymentName", cluster, "job", Map.of("jarURI", "https://repo.example.org/" + name + ".jar", "parallelism", parallelism,
                        "upgradeMode", mode)));
    }
}
