package org.flinkop.adapters.kubernetes.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Flink's Kubernetes high availability keeps in its ConfigMaps (labelled {@code app=<cluster-id>},
 * {@code type=flink-native-kubernetes}, {@code configmap-type=high-availability}, whatever the deployment mode).
 * The cluster's ConfigMap {@code <cluster-id>-cluster-config-map} holds the leaders and the submitted jobs
 * ({@code jobGraph-<job id>} in Flink 1.x; {@code executionPlan-<job id>} and {@code application-<id>} in 2.x); each
 * job's ConfigMap {@code <cluster-id>-<job id>-config-map} holds its checkpoints ({@code checkpointID-<n>}, pointers
 * into {@code high-availability.storageDir}) and its checkpoint id {@code counter}.
 *
 * <p>A cluster restoring from the HA metadata its predecessor left runs its job under a new job id, so that the
 * operator can tell the new job from the old one. Before it starts, the old job's checkpoints are carried over to
 * the new job's ConfigMap (Flink finds a job's checkpoints by its id), and the submitted jobs are removed (an
 * application's JobManager recovers a job it finds there instead of running its main method, so the new spec's
 * parallelism and arguments would be ignored).
 */
final class HaMetadata {

    /** The key prefixes of the jobs a JobManager recovers instead of running its main method, across Flink versions. */
    static final List<String> JOB_GRAPH_PREFIXES = List.of("jobGraph-", "executionPlan-", "application-");
    static final String CHECKPOINT_PREFIX = "checkpointID-";
    static final String COUNTER = "counter";

    private HaMetadata() {
    }

    /** The name of the ConfigMap holding the checkpoints of job {@code jobId} of cluster {@code cluster}. */
    static String jobConfigMap(String cluster, String jobId) {
        return cluster + "-" + jobId + "-config-map";
    }

    /** The keys of {@code configMap} that hold a submitted job. */
    static List<String> jobGraphKeys(ConfigMap configMap) {
        return data(configMap).keySet().stream().filter(key -> JOB_GRAPH_PREFIXES.stream().anyMatch(key::startsWith)).sorted().toList();
    }

    /** {@code configMap} without its submitted jobs; leaders and checkpoints are kept. */
    static ConfigMap withoutJobGraphs(ConfigMap configMap) {
        Map<String, String> data = new LinkedHashMap<>(data(configMap));
        jobGraphKeys(configMap).forEach(data::remove);
        return new ConfigMapBuilder(configMap).withData(data).build();
    }

    /**
     * The ConfigMap that gives job {@code jobId} the latest checkpoints among the other jobs' ConfigMaps of
     * {@code cluster}: those of the job whose checkpoint counter went furthest. Empty when {@code jobId} has its own
     * already (carried over before, or its own checkpoints) or no other job left any.
     */
    static Optional<ConfigMap> carriedOver(String cluster, String jobId, List<ConfigMap> configMaps) {
        Pattern jobConfigMap = Pattern.compile(Pattern.quote(cluster) + "-([0-9a-f]{32})-config-map");
        if (configMaps.stream().anyMatch(c -> c.getMetadata().getName().equals(jobConfigMap(cluster, jobId)))) {
            return Optional.empty();
        }
        return configMaps.stream()
                .filter(c -> c.getMetadata().getDeletionTimestamp() == null)
                .filter(c -> {
                    Matcher name = jobConfigMap.matcher(c.getMetadata().getName());
                    return name.matches() && !name.group(1).equals(jobId);
                })
                .filter(c -> data(c).keySet().stream().anyMatch(key -> key.startsWith(CHECKPOINT_PREFIX)))
                .max(Comparator.comparingLong(HaMetadata::counter))
                .map(old -> {
                    Map<String, String> checkpoints = new LinkedHashMap<>();
                    data(old).forEach((key, value) -> {
                        if (key.startsWith(CHECKPOINT_PREFIX) || key.equals(COUNTER)) {
                            checkpoints.put(key, value);
                        }
                    });
                    return new ConfigMapBuilder().withNewMetadata().withName(jobConfigMap(cluster, jobId))
                            .withNamespace(old.getMetadata().getNamespace()).withLabels(old.getMetadata().getLabels()).endMetadata()
                            .withData(checkpoints).build();
                });
    }

    private static long counter(ConfigMap configMap) {
        try {
            return Long.parseLong(data(configMap).getOrDefault(COUNTER, "0").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<String, String> data(ConfigMap configMap) {
        return configMap.getData() == null ? Map.of() : configMap.getData();
    }
}
