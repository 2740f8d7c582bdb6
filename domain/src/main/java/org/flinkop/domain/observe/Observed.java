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
 * @param inPlaceRescale     whether the runtime can change TaskManager count and parallelism without an upgrade
 * @param jobManagerProblem  why the JobManager does not start, as the runtime tells it, when it is {@code ERROR}
 */
public record Observed(
        JobManagerDeploymentStatus jobManager,
        Option<ObservedJob> job,
        boolean haSupported,
        boolean haMetadataPresent,
        Option<CompletedCheckpoint> latestCheckpoint,
        Option<TriggerResult> savepointTrigger,
        Option<Integer> restarts,
        boolean inPlaceRescale,
        Option<String> jobManagerProblem) {

    public Observed {
        Objects.requireNonNull(jobManager, "jobManager");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(latestCheckpoint, "latestCheckpoint");
        Objects.requireNonNull(savepointTrigger, "savepointTrigger");
        Objects.requireNonNull(restarts, "restarts");
        Objects.requireNonNull(jobManagerProblem, "jobManagerProblem");
    }

    /** A world whose JobManager's problems, if any, are not told. */
    public Observed(JobManagerDeploymentStatus jobManager, Option<ObservedJob> job, boolean haSupported, boolean haMetadataPresent,
            Option<CompletedCheckpoint> latestCheckpoint, Option<TriggerResult> savepointTrigger, Option<Integer> restarts, boolean inPlaceRescale) {
        this(jobManager, job, haSupported, haMetadataPresent, latestCheckpoint, savepointTrigger, restarts, inPlaceRescale, Option.none());
    }

    /** A world whose runtime rescales in place (Kubernetes, the testkit). */
    public Observed(JobManagerDeploymentStatus jobManager, Option<ObservedJob> job, boolean haSupported, boolean haMetadataPresent,
            Option<CompletedCheckpoint> latestCheckpoint, Option<TriggerResult> savepointTrigger, Option<Integer> restarts) {
        this(jobManager, job, haSupported, haMetadataPresent, latestCheckpoint, savepointTrigger, restarts, true);
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

    /** ": " and Flink's root cause of a failed job, or nothing when it is not known; for messages. */
    public String failureSuffix() {
        return job.flatMap(ObservedJob::failure).map(cause -> ": " + cause).getOrElse("");
    }

    /** HA metadata that a last-state upgrade can restore from. */
    public boolean haMetadataUsable() {
        return haSupported && haMetadataPresent;
    }

    public Observed withJob(ObservedJob newJob) {
        return new Observed(jobManager, Option.of(newJob), haSupported, haMetadataPresent, latestCheckpoint, savepointTrigger, restarts, inPlaceRescale,
                jobManagerProblem);
    }

    /** "the JobManager deployment failed", and why when the runtime told it; for messages. */
    public String jobManagerFailure() {
        return "the JobManager deployment failed" + jobManagerProblem.map(why -> ": " + why).getOrElse("; see its events and log");
    }
}
