package org.flinkop.domain.upgrade;

import org.flinkop.domain.observe.CompletedCheckpoint;
import org.flinkop.domain.resource.StateLocation;

/** How a running (or stopped) job gets to its next deployment, and with what state. */
public sealed interface UpgradePath {

    /** Start empty: the user chose upgradeMode stateless. */
    record Stateless() implements UpgradePath {
    }

    /** Stop the job with a savepoint and restore from it. */
    record ViaSavepoint() implements UpgradePath {
    }

    /** Remove the cluster but keep Flink's HA metadata; the new JobManager restores from the checkpoint it names. */
    record LastStateFromHa() implements UpgradePath {
    }

    /** Cancel the job and restore from its latest retained checkpoint (no HA metadata to rely on). */
    record LastStateViaCancel(CompletedCheckpoint checkpoint) implements UpgradePath {
    }

    /** The job is no longer running: restore from state already known. */
    record RestoreFrom(StateLocation location) implements UpgradePath {
    }

    /** Not now; look again soon. */
    record Wait(UpgradeReason reason) implements UpgradePath {
    }

    /** Cannot proceed without the user; nothing is stopped or deleted. */
    record Blocked(UpgradeReason reason) implements UpgradePath {
    }
}
