package org.flinkop.domain.diff;

/**
 * What a spec change asks of a running job, from least to most: when several fields change, the largest wins.
 */
public enum DiffType {
    /** Nothing to do to the job (operator settings, upgradeMode, an ingress). */
    IGNORE,
    /** Rescale in place: standalone mode's parallelism and TaskManager replicas. */
    SCALE,
    /** Stop the job and start it again with the new spec, carrying state as the upgrade mode says. */
    UPGRADE,
    /** Redeploy from {@code initialSavepointPath}, whatever the state of the running job. */
    SAVEPOINT_REDEPLOY;

    DiffType max(DiffType other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
