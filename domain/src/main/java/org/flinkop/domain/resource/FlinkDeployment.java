package org.flinkop.domain.resource;

import java.util.Objects;

/** An application or session cluster. */
public record FlinkDeployment(ObjectMeta metadata, FlinkDeploymentSpec spec, FlinkDeploymentStatus status) implements FlinkResource {

    public FlinkDeployment {
        Objects.requireNonNull(metadata, "metadata");
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.FLINK_DEPLOYMENT;
    }

    public FlinkDeployment withStatus(FlinkDeploymentStatus newStatus) {
        return new FlinkDeployment(metadata, spec, newStatus);
    }
}
