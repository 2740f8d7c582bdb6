package org.flinkop.ports.cluster;

import io.vavr.control.Option;
import java.net.URI;
import java.util.Objects;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;

/**
 * A cluster as its deployer sees it.
 *
 * @param jobManager        the JobManager deployment
 * @param haMetadataPresent whether the cluster's HA metadata exists (it may outlive the cluster)
 * @param restEndpoint      where its REST API answers, once the JobManager runs
 */
public record ClusterObservation(JobManagerDeploymentStatus jobManager, boolean haMetadataPresent, Option<URI> restEndpoint) {

    public ClusterObservation {
        Objects.requireNonNull(jobManager, "jobManager");
        Objects.requireNonNull(restEndpoint, "restEndpoint");
    }

    public static ClusterObservation missing(boolean haMetadataPresent) {
        return new ClusterObservation(JobManagerDeploymentStatus.MISSING, haMetadataPresent, Option.none());
    }
}
