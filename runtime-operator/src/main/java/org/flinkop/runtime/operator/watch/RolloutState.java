package org.flinkop.runtime.operator.watch;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.List;

/**
 * What of a Deployment tells whether its pods are ready, rolling out or failing: whether it is being deleted, how
 * many replicas it asks for, whether its controller has seen its last change, whether only current pods run,
 * whether one is ready, and whether its rollout failed. Two versions of a Deployment with the same rollout state
 * look the same to anyone observing the cluster.
 */
record RolloutState(boolean deleting, Integer replicas, boolean observed, boolean onlyCurrent, boolean ready, boolean failed) {

    static RolloutState of(Deployment deployment) {
        DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        long generation = deployment.getMetadata().getGeneration() == null ? 0 : deployment.getMetadata().getGeneration();
        int updated = zeroIfNull(status.getUpdatedReplicas());
        List<DeploymentCondition> conditions = status.getConditions() == null ? List.of() : status.getConditions();
        boolean failed = conditions.stream().anyMatch(c -> "ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus())
                || "Progressing".equals(c.getType()) && "False".equals(c.getStatus()));
        return new RolloutState(deployment.getMetadata().getDeletionTimestamp() != null,
                deployment.getSpec() == null ? null : deployment.getSpec().getReplicas(),
                status.getObservedGeneration() != null && status.getObservedGeneration() >= generation,
                updated > 0 && updated == zeroIfNull(status.getReplicas()),
                zeroIfNull(status.getReadyReplicas()) > 0,
                failed);
    }

    private static int zeroIfNull(Integer value) {
        return value == null ? 0 : value;
    }
}
