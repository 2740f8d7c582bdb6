package org.flinkop.adapters.kubernetes.deploy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.List;

/**
 * What of a Deployment the cluster deployer's report turns on: whether it is being deleted, how many replicas it
 * asks for, whether it is ready (its controller has seen its last change, only current pods run and one of them is
 * ready) and whether its rollout failed. Two versions of a Deployment with the same rollout state look the same to
 * anyone observing the cluster: the controller manager's many status rewrites while pods start (observed
 * generation, updated and unavailable counts, conditions) change none of it.
 */
record RolloutState(boolean deleting, Integer replicas, boolean ready, boolean failed) {

    static RolloutState of(Deployment deployment) {
        DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        long generation = deployment.getMetadata().getGeneration() == null ? 0 : deployment.getMetadata().getGeneration();
        boolean observed = status.getObservedGeneration() != null && status.getObservedGeneration() >= generation;
        int updated = zeroIfNull(status.getUpdatedReplicas());
        boolean onlyCurrent = updated > 0 && updated == zeroIfNull(status.getReplicas());
        List<DeploymentCondition> conditions = status.getConditions() == null ? List.of() : status.getConditions();
        boolean failed = conditions.stream().anyMatch(c -> "ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus())
                || "Progressing".equals(c.getType()) && "False".equals(c.getStatus()));
        return new RolloutState(deployment.getMetadata().getDeletionTimestamp() != null,
                deployment.getSpec() == null ? null : deployment.getSpec().getReplicas(),
                observed && onlyCurrent && zeroIfNull(status.getReadyReplicas()) > 0,
                failed);
    }

    private static int zeroIfNull(Integer value) {
        return value == null ? 0 : value;
    }
}
