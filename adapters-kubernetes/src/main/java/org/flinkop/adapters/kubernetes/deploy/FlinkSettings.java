package org.flinkop.adapters.kubernetes.deploy;

import java.util.Map;

/**
 * The Flink configuration a cluster runs with, and what the Kubernetes objects take from it.
 *
 * @param configuration       the effective configuration in the order it is written; a value is a {@code String}
 *                            or, for list options, a {@code List<String>}
 * @param jobManager          the JobManager container's resources
 * @param taskManager         the TaskManager container's resources
 * @param jobManagerReplicas  how many JobManagers
 * @param taskManagerReplicas how many TaskManagers a standalone cluster runs
 * @param taskSlots           slots per TaskManager
 * @param restPort            the JobManager's REST port
 * @param rpcPort             the JobManager's RPC port
 * @param blobPort            the JobManager's blob server port
 * @param taskManagerRpcPort  the TaskManagers' RPC port
 * @param highAvailability    whether Flink high availability is on
 * @param image               the container image
 * @param imagePullPolicy     the image pull policy
 * @param serviceAccount      the pods' service account
 * @param flink2              whether the cluster runs Flink 2.x (which reads {@code config.yaml})
 */
record FlinkSettings(
        Map<String, Object> configuration,
        ProcessResources jobManager,
        ProcessResources taskManager,
        int jobManagerReplicas,
        int taskManagerReplicas,
        int taskSlots,
        int restPort,
        int rpcPort,
        int blobPort,
        int taskManagerRpcPort,
        boolean highAvailability,
        String image,
        String imagePullPolicy,
        String serviceAccount,
        boolean flink2) {

    /** The configuration file the cluster's Flink version reads. */
    String configFileName() {
        return flink2 ? "config.yaml" : "flink-conf.yaml";
    }

    /** A configuration value as text, or null when unset. */
    String value(String key) {
        Object value = configuration.get(key);
        return value == null ? null : value.toString();
    }
}
