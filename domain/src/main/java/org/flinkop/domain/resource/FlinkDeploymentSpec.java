package org.flinkop.domain.resource;

import java.util.Map;

/**
 * A Flink cluster: an application cluster when {@code job} is set, a session cluster otherwise. Field names,
 * meaning and defaults follow the Apache Flink Kubernetes Operator's {@code v1beta1} reference.
 */
public record FlinkDeploymentSpec(
        JobSpec job,
        Long restartNonce,
        Map<String, String> flinkConfiguration,
        String image,
        String imagePullPolicy,
        String serviceAccount,
        FlinkVersion flinkVersion,
        IngressSpec ingress,
        Map<String, Object> podTemplate,
        JobManagerSpec jobManager,
        TaskManagerSpec taskManager,
        Map<String, String> logConfiguration,
        KubernetesDeploymentMode mode) {

    public FlinkDeploymentSpec {
        flinkConfiguration = Collections2.mapOrNull(flinkConfiguration);
        podTemplate = Collections2.tree(podTemplate);
        logConfiguration = Collections2.mapOrNull(logConfiguration);
    }

    public boolean hasJob() {
        return job != null;
    }

    public KubernetesDeploymentMode effectiveMode() {
        return mode == null ? KubernetesDeploymentMode.NATIVE : mode;
    }

    /** The Flink configuration, empty when unset. */
    public Map<String, String> configuration() {
        return flinkConfiguration == null ? Map.of() : flinkConfiguration;
    }
}
