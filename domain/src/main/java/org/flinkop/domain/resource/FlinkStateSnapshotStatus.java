package org.flinkop.domain.resource;

import java.time.Instant;

/** What the operator recorded of a snapshot: its state, where it is, and how often it failed. */
public record FlinkStateSnapshotStatus(
        SnapshotState state,
        String triggerId,
        Instant triggerTimestamp,
        Instant resultTimestamp,
        String path,
        String error,
        Integer failures) {

    /** This status with {@code error} set to {@code message}. */
    public FlinkStateSnapshotStatus withError(String message) {
        return new FlinkStateSnapshotStatus(state, triggerId, triggerTimestamp, resultTimestamp, path, message, failures);
    }
}
