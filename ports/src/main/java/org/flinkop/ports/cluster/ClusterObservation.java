package org.flinkop.ports.cluster;

import io.vavr.control.Option;
import java.net.URI;
import java.util.Objects;
import org.flinkop.domain.observe.CompletedCheckpoint;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;

/**
 * A cluster as its deployer sees it.
 *
 * @param jobManager        the JobManager deployment
 * @param haMetadataPresent whether the cluster's HA metadata exists (it may outlive the cluster)
 * @param restEndpoint      where its REST API answers, once the JobManager runs
 * @param retainedCheckpoint the newest completed checkpoint the deployer finds in the cluster's own storage, for a
 *                           runtime without HA metadata: what a job whose JobManager is gone restores from. It is the
 *                           deployed job's own, or the checkpoint that job restored from; never one an earlier job
 *                           left, whose state is older than a savepoint the job may have started from
 * @param problem           why the JobManager does not start, as the runtime tells it, when it is {@code ERROR}
 */
public record ClusterObservation(JobManagerDeploymentStatus jobManager, boolean haMetadataPresent, Option<URI> restEndpoint,
        Option<CompletedCheckpoint> retainedCheckpoint, Option<String> problem) {

    public ClusterObservation {
        Objects.requireNonNull(jobManager, "jobManager");
        Objects.requireNonNull(restEndpoint, "restEndpoint");
        Objects.requireNonNull(retainedCheckpoint, "retainedCheckpoint");
        Objects.requireNonNull(problem, "problem");
    }

    /** A cluster whose problems, if any, are not told. */
    public ClusterObservation(JobManagerDeploymentStatus jobManager, boolean haMetadataPresent, Option<URI> restEndpoint,
            Option<CompletedCheckpoint> retainedCheckpoint) {
        this(jobManager, haMetadataPresent, restEndpoint, retainedCheckpoint, Option.none());
    }

    /** A cluster whose checkpoints are found through Flink (its REST API, or its HA metadata). */
    public ClusterObservation(JobManagerDeploymentStatus jobManager, boolean haMetadataPresent, Option<URI> restEndpoint) {
        this(jobManager, haMetadataPresent, restEndpoint, Option.none());
    }

    public static ClusterObservation missing(boolean haMetadataPresent) {
        return new ClusterObservation(JobManagerDeploymentStatus.MISSING, haMetadataPresent, Option.none());
    }
}
