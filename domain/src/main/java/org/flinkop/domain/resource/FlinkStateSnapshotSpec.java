package org.flinkop.domain.resource;

/**
 * A savepoint or a checkpoint of a job: exactly one of {@code savepoint} and {@code checkpoint} is set.
 * {@code backoffLimit} is how many failed attempts are retried; -1 (the default) retries without limit.
 */
public record FlinkStateSnapshotSpec(
        JobReference jobReference,
        SavepointSpec savepoint,
        CheckpointSpec checkpoint,
        Integer backoffLimit) {

    public boolean requestsSavepoint() {
        return savepoint != null;
    }

    public int effectiveBackoffLimit() {
        return backoffLimit == null ? -1 : backoffLimit;
    }
}
