package org.flinkop.domain.observe;

import io.vavr.control.Option;
import java.util.Objects;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;

/**
 * What the adapters saw of a resource's cluster and job in this pass. The decision trusts nothing else about
 * the outside world.
 *
 * @param jobManager         the JobManager deployment
 * @param job                the job, when the cluster reports one
 * @param haSupported        whether the runtime keeps Flink HA metadata at all (the local runtime does not)
 * @param haMetadataPresent  whether HA metadata for this cluster exists now
 * @param latestCheckpoint   the latest completed, retained checkpoint, from the cluster or from storage
 * @param savepointTrigger   the result of the savepoint trigger the status recorded, when there is one
 * @param restarts           how often Flink restarted the job since it was submitted, when known
 */
public record Observed(
        JobManagerDeploymentStatus jobManager,
        Option<ObservedJob> job,
        boolean haSupported,
        boolean haMetadataPresent,
        Option<CompletedCheckpoint> latestCheckpoint,
        Option<TriggerResult> savepointTrigger,
        Option<Integer> restarts) {

    public Observed {
        Objects.requireNonNull(jobManager, "jobManager");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(latestCheckpoint, "latestCheckpoint");
        Objects.requireNonNull(savepointTrigger, "savepointTrigger");
        Objects.requireNonNull(restarts, "restarts");
    }

    /** Nothing deployed, nothing known. */
    public static Observed nothing(boolean haSupported) {
        return new Observed(JobManagerDeploymentStatus.MISSING, Option.none(), haSupported, false, Option.none(), Option.none(), Option.none());
    }

    public Option<FlinkJobState> jobState() {
        return job.map(ObservedJob::state);
    }

    public boolean jobIs(FlinkJobState state) {
        return jobState().contains(state);
    }

    /** HA metadata that a last-state upgrade can restore from. */
    public boolean haMetadataUsable() {
        return haSupported && haMetadataPresent;
    }

    public Observed withJob(ObservedJob newJob) {
        return new Observed(jobManager, Option.of(newJob), haSupported, haMetadataPresent, latestCheckpoint, savepointTrigger, restarts);
    }
}
