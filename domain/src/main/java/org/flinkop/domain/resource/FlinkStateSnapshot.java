package org.flinkop.domain.resource;

import java.util.Objects;

/** A savepoint or checkpoint of a job. */
public record FlinkStateSnapshot(ObjectMeta metadata, FlinkStateSnapshotSpec spec, FlinkStateSnapshotStatus status) implements FlinkResource {

    public FlinkStateSnapshot {
        Objects.requireNonNull(metadata, "metadata");
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.FLINK_STATE_SNAPSHOT;
    }

    public FlinkStateSnapshot withStatus(FlinkStateSnapshotStatus newStatus) {
        return new FlinkStateSnapshot(metadata, spec, newStatus);
    }
}
