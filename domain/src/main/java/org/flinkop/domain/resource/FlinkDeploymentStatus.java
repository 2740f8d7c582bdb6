package org.flinkop.domain.resource;

import java.util.List;
import java.util.Map;

/** What the operator recorded of a FlinkDeployment. */
public record FlinkDeploymentStatus(
        JobStatus jobStatus,
        String error,
        Long observedGeneration,
        ResourceLifecycleState lifecycleState,
        Map<String, String> clusterInfo,
        JobManagerDeploymentStatus jobManagerDeploymentStatus,
        ReconciliationStatus<FlinkDeploymentSpec> reconciliationStatus,
        TaskManagerInfo taskManager,
        List<Condition> conditions,
        ClusterHealth clusterHealth) {

    public FlinkDeploymentStatus {
        clusterInfo = Collections2.mapOrNull(clusterInfo);
        conditions = Collections2.listOrNull(conditions);
    }

    /** This status with {@code error} set to {@code message}. */
    public FlinkDeploymentStatus withError(String message) {
        return new FlinkDeploymentStatus(jobStatus, message, observedGeneration, lifecycleState, clusterInfo, jobManagerDeploymentStatus, reconciliationStatus, taskManager, conditions, clusterHealth);
    }
}
