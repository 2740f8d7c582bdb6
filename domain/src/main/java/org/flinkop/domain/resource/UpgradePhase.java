package org.flinkop.domain.resource;

/** How far an upgrade (or suspend, or resume) has come. */
public enum UpgradePhase implements Spelled {
    /** The old job is being stopped (with a savepoint, or cancelled to restore from a checkpoint). */
    STOPPING,
    /** The new cluster and job are being deployed from the recorded state. */
    DEPLOYING,
    /** The job is stopped on purpose; resuming deploys from the recorded state. */
    SUSPENDED;

    @Override
    public String spelling() {
        return name();
    }
}
