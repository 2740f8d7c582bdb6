package org.flinkop.domain.resource;

/** The kinds of place a job's state can be restored from. */
public enum StateLocationKind implements Spelled {
    /** Empty state: a stateless start. */
    NONE,
    SAVEPOINT,
    CHECKPOINT,
    /** Flink's own high-availability metadata, which points at the latest checkpoint. */
    HA_METADATA,
    /** The savepoint a stop-with-savepoint with a known trigger id is writing. */
    PENDING_SAVEPOINT;

    @Override
    public String spelling() {
        return name();
    }
}
