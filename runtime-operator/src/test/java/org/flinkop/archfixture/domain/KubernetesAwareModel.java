package org.flinkop.archfixture.domain;

/** Violation: the domain holds a Kubernetes client type. */
public record KubernetesAwareModel(io.fabric8.kubernetes.api.model.ObjectMeta meta) {
}
