package org.flinkop.domain.resource;

import java.util.List;

/** What the operator recorded of a FlinkSessionJob. */
public record FlinkSessionJobStatus(
        JobStatus jobStatus,
        String error,
        Long observedGeneration,
        ResourceLifecycleState lifecycleState,
        ReconciliationStatus<FlinkSessionJobSpec> reconciliationStatus,
        List<Condition> conditions) {

    public FlinkSessionJobStatus {
        conditions = Collections2.listOrNull(conditions);
    }

    /** This status with {@code error} set to {@code message}. */
    public FlinkSessionJobStatus withError(String message) {
        return new FlinkSessionJobStatus(jobStatus, message, observedGeneration, lifecycleState, reconciliationStatus, conditions);
    }
}
