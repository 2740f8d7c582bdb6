package org.flinkop.domain.resource;

/** How a cluster runs on Kubernetes: Flink's native integration, or pods the operator manages itself. */
public enum KubernetesDeploymentMode implements Spelled {
    NATIVE("native"),
    STANDALONE("standalone");

    private final String spelling;

    KubernetesDeploymentMode(String spelling) {
        this.spelling = spelling;
    }

    @Override
    public String spelling() {
        return spelling;
    }

    @Override
    public String toString() {
        return spelling;
    }
}
