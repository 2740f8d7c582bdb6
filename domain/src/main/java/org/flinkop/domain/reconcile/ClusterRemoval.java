package org.flinkop.domain.reconcile;

import java.time.Duration;
import java.time.Instant;
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

    /**
     * Whether a deletion that began at {@code deletedAt} has waited {@code timeout} or longer for the cluster's HA
     * metadata to go: the JobManager Deployment is gone, yet the metadata is still there, because a JobManager pod never
     * finishes stopping (its node lost, say) and the metadata waits for it.
     */
    static boolean overdue(boolean jobManagerGone, boolean haMetadataPresent, Instant deletedAt, Instant now, Duration timeout) {
        return jobManagerGone && haMetadataPresent && deletedAt != null && !now.isBefore(deletedAt.plus(timeout));
    }

    static String overdueMessage(Duration timeout) {
        return "the cluster's HA metadata is still there " + spelled(timeout) + " after the deletion began, waiting for a JobManager pod that"
                + " does not finish stopping; removing it without waiting (" + FlinkOptions.CLEANUP_TIMEOUT + ")";
    }

    private static String spelled(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 60 == 0 && seconds > 0 ? seconds / 60 + " min" : seconds + " s";
    }

    private static boolean highAvailability(FlinkDeploymentSpec spec) {
        return spec != null && FlinkOptions.highAvailability(spec.configuration());
    }
}
