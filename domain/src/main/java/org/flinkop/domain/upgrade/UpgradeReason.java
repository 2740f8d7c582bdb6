package org.flinkop.domain.upgrade;

/** Why an upgrade waits or cannot proceed: a name users can search for, and what it means. */
public enum UpgradeReason {
    JOB_TRANSITIONING("the job is starting, restarting or failing over; the upgrade waits until it runs or stops"),
    CANCELLATION_IN_PROGRESS("the job is being cancelled; the upgrade waits until it has stopped"),
    CLUSTER_NOT_READY("the JobManager is not ready, so the job's state cannot be read"),
    MANUAL_RESTORE_REQUIRED("the JobManager is gone and neither HA metadata nor a checkpoint is left to restore from; "
            + "set initialSavepointPath to a savepoint and change savepointRedeployNonce, or set upgradeMode stateless to start empty"),
    NO_STATE_TO_RESTORE("the job is not running and no savepoint, checkpoint or HA metadata is left to restore from; "
            + "set initialSavepointPath and change savepointRedeployNonce, or set upgradeMode stateless to start empty");

    private final String message;

    UpgradeReason(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
