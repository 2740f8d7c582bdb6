package org.flinkop.domain.reconcile;

import org.flinkop.domain.config.FlinkOptions;
import org.flinkop.domain.resource.FlinkDeploymentSpec;

/** What is left of a cluster once its removal has been asked for. */
final class ClusterRemoval {

    private ClusterRemoval() {
    }

    /**
     * Whether removing the cluster leaves nothing to wait for: no HA metadata is there, and neither the spec asked for
     * nor the one last deployed turns high availability on, so no JobManager that is still stopping can write any.
     * The cluster's own objects and processes go with the removal (their owner is the resource).
     */
    static boolean leavesNothing(boolean haMetadataPresent, FlinkDeploymentSpec desired, FlinkDeploymentSpec lastDeployed) {
        return !haMetadataPresent && !highAvailability(desired) && !highAvailability(lastDeployed);
    }

    private static boolean highAvailability(FlinkDeploymentSpec spec) {
        return spec != null && FlinkOptions.highAvailability(spec.configuration());
    }
}
