package org.flinkop.adapters.kubernetes.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flinkop.domain.resource.KubernetesDeploymentMode;

/**
 * The labels on a cluster's objects. {@code app}, {@code type} and {@code component} are the ones Flink itself
 * selects by (its native integration finds the JobManager and its TaskManager pods with them, and labels its HA
 * ConfigMaps with {@code app}); {@code app.kubernetes.io/managed-by} marks what this operator created, so that
 * deleting a cluster removes exactly those objects and never Flink's HA metadata.
 */
final class ClusterLabels {

    static final String APP = "app";
    static final String TYPE = "type";
    static final String COMPONENT = "component";
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String MANAGER = "flinkop";
    static final String CONFIGMAP_TYPE = "configmap-type";
    static final String HIGH_AVAILABILITY = "high-availability";
    static final String JOB_MANAGER = "jobmanager";
    static final String TASK_MANAGER = "taskmanager";
    static final String STANDALONE_TYPE = "flink-standalone-kubernetes";
    static final String NATIVE_TYPE = "flink-native-kubernetes";

    private ClusterLabels() {
    }

    /** What every object of the cluster carries. */
    static Map<String, String> common(String cluster, KubernetesDeploymentMode mode) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(APP, cluster);
        labels.put(TYPE, mode == KubernetesDeploymentMode.STANDALONE ? STANDALONE_TYPE : NATIVE_TYPE);
        labels.put(MANAGED_BY, MANAGER);
        return labels;
    }

    /** The labels of one component's objects and pods. */
    static Map<String, String> component(String cluster, KubernetesDeploymentMode mode, String component) {
        Map<String, String> labels = common(cluster, mode);
        labels.put(COMPONENT, component);
        return labels;
    }

    /** What a component's Deployment and Services select its pods by; never changes for a cluster (selectors are immutable). */
    static Map<String, String> selector(String cluster, KubernetesDeploymentMode mode, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(APP, cluster);
        labels.put(TYPE, common(cluster, mode).get(TYPE));
        labels.put(COMPONENT, component);
        return labels;
    }

    /** Whether {@code object} belongs to a standalone cluster, by its {@code type} label. */
    static boolean standalone(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null && STANDALONE_TYPE.equals(labels.get(TYPE));
    }

    /** Selects the objects this operator created for a cluster. */
    static Map<String, String> managed(String cluster) {
        return Map.of(APP, cluster, MANAGED_BY, MANAGER);
    }

    /** Whether {@code object} is one this operator created for cluster {@code cluster}. */
    static boolean isManaged(HasMetadata object, String cluster) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null && managed(cluster).entrySet().stream().allMatch(label -> label.getValue().equals(labels.get(label.getKey())));
    }

    /** Selects Flink's Kubernetes HA ConfigMaps of a cluster (Flink creates them; they outlive the cluster). */
    static Map<String, String> haMetadata(String cluster) {
        return Map.of(APP, cluster, CONFIGMAP_TYPE, HIGH_AVAILABILITY);
    }
}
