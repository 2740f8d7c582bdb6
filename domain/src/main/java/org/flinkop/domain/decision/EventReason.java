package org.flinkop.domain.decision;

/** The decisions a user sees as events, by name. */
public enum EventReason {
    SPEC_CHANGED,
    DEPLOYING,
    UPGRADE_PATH_CHOSEN,
    SAVEPOINT_COMPLETED,
    SAVEPOINT_FAILED,
    SUSPENDED,
    RESUMING,
    RUNNING,
    SCALING,
    UPGRADE_WAITING,
    UPGRADE_BLOCKED,
    JOB_FAILED,
    SNAPSHOT_TRIGGERED,
    SNAPSHOT_COMPLETED,
    SNAPSHOT_FAILED,
    SNAPSHOT_ABANDONED,
    SNAPSHOT_DISPOSED
}
