package org.flinkop.domain.resource;

import java.util.Objects;

/** A job on a session cluster. */
public record FlinkSessionJob(ObjectMeta metadata, FlinkSessionJobSpec spec, FlinkSessionJobStatus status) implements FlinkResource {

    public FlinkSessionJob {
        Objects.requireNonNull(metadata, "metadata");
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.FLINK_SESSION_JOB;
    }

    public FlinkSessionJob withStatus(FlinkSessionJobStatus newStatus) {
        return new FlinkSessionJob(metadata, spec, newStatus);
    }
}
