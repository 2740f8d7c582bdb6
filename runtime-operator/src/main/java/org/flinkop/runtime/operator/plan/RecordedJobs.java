package org.flinkop.runtime.operator.plan;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.flinkop.domain.observe.CompletedCheckpoint;
import org.flinkop.domain.observe.ObservedJob;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.JobStatus;
import org.flinkop.domain.resource.SnapshotFormatType;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.flink.FlinkJobClient;
import org.flinkop.ports.flink.JobDetails;
import org.flinkop.ports.flink.SubmitRequest;

/**
 * Flink as a plan of one resource sees it. A JobManager's REST address is the cluster's own Service, which often
 * does not answer outside the cluster (from a laptop); then the job is taken as the resource's recorded status
 * says (its id and state, no newer checkpoint, a savepoint being written still in progress) and {@link #assumptions()}
 * says so, for the plan to print. An address that did not answer is not asked again. Nothing that would change a
 * job is sent.
 */
final class RecordedJobs implements FlinkJobClient {

    private final FlinkJobClient flink;
    private final Option<JobStatus> recorded;
    private final Set<URI> unreachable = new HashSet<>();
    private final java.util.List<String> assumptions = new ArrayList<>();

    RecordedJobs(FlinkJobClient flink, Option<FlinkResource> live) {
        this.flink = flink;
        this.recorded = live.flatMap(RecordedJobs::jobStatus).filter(job -> job.jobId() != null && job.state() != null);
    }

    /** What was taken from the recorded status instead of from Flink: a line per cluster that did not answer, each assumption indented under it. */
    java.util.List<String> assumptions() {
        return assumptions;
    }

    @Override
    public Either<PortFailure, List<JobDetails>> jobs(URI cluster) {
        return read(cluster, () -> flink.jobs(cluster), () -> recorded.map(RecordedJobs::details).toList(), jobNote());
    }

    @Override
    public Either<PortFailure, Option<JobDetails>> job(URI cluster, String jobId) {
        return read(cluster, () -> flink.job(cluster, jobId), () -> recorded.filter(job -> job.jobId().equals(jobId)).map(RecordedJobs::details), jobNote());
    }

    @Override
    public Either<PortFailure, Option<CompletedCheckpoint>> latestCheckpoint(URI cluster, String jobId) {
        return read(cluster, () -> flink.latestCheckpoint(cluster, jobId), Option::none, "its latest checkpoint: none known");
    }

    @Override
    public Either<PortFailure, TriggerResult> savepointResult(URI cluster, String jobId, String triggerId) {
        return read(cluster, () -> flink.savepointResult(cluster, jobId, triggerId), TriggerResult.InProgress::new,
                "the savepoint being written: still in progress");
    }

    @Override
    public Either<PortFailure, TriggerResult> checkpointResult(URI cluster, String jobId, String triggerId) {
        return read(cluster, () -> flink.checkpointResult(cluster, jobId, triggerId), TriggerResult.InProgress::new,
                "the checkpoint being written: still in progress");
    }

    @Override
    public Either<PortFailure, List<String>> exceptions(URI cluster, String jobId) {
        return read(cluster, () -> flink.exceptions(cluster, jobId), List::empty, "the job's failure: no cause known");
    }

    private String jobNote() {
        return recorded.map(job -> "the job as its status records it: " + job.jobId() + " " + job.state().spelling()).getOrElse("no job, as its status records none");
    }

    private static JobDetails details(JobStatus job) {
        return new JobDetails(new ObservedJob(job.jobId(), job.state()), 0);
    }

    /** Flink's answer; when {@code cluster} does not answer, {@code assumed} instead, and {@code note} says so once. */
    private <T> Either<PortFailure, T> read(URI cluster, Supplier<Either<PortFailure, T>> ask, Supplier<T> assumed, String note) {
        if (!unreachable.contains(cluster)) {
            Either<PortFailure, T> answer = ask.get();
            if (answer.isRight() || !notAnswering(answer.getLeft())) {
                return answer;
            }
            unreachable.add(cluster);
            assumptions.add("Flink's REST API at " + cluster + " does not answer from here (" + answer.getLeft().reason() + "); assumed from the recorded status:");
        }
        if (!assumptions.contains("  " + note)) {
            assumptions.add("  " + note);
        }
        return Either.right(assumed.get());
    }

    private static boolean notAnswering(PortFailure failure) {
        return failure.reason() == PortFailure.Reason.UNAVAILABLE || failure.reason() == PortFailure.Reason.TIMEOUT;
    }

    private static Option<JobStatus> jobStatus(FlinkResource resource) {
        if (resource instanceof FlinkDeployment d && d.status() != null) {
            return Option.of(d.status().jobStatus());
        }
        if (resource instanceof FlinkSessionJob j && j.status() != null) {
            return Option.of(j.status().jobStatus());
        }
        return Option.none();
    }

    @Override
    public Either<PortFailure, Done> submit(URI cluster, SubmitRequest request) {
        return ReadOnlyDeployer.refused();
    }

    @Override
    public Either<PortFailure, Done> cancel(URI cluster, String jobId) {
        return ReadOnlyDeployer.refused();
    }

    @Override
    public Either<PortFailure, Done> stopWithSavepoint(URI cluster, String jobId, String triggerId, boolean drain, Option<String> directory) {
        return ReadOnlyDeployer.refused();
    }

    @Override
    public Either<PortFailure, Done> triggerSavepoint(URI cluster, String jobId, String triggerId, Option<String> directory, SnapshotFormatType formatType) {
        return ReadOnlyDeployer.refused();
    }

    @Override
    public Either<PortFailure, Done> triggerCheckpoint(URI cluster, String jobId, String triggerId) {
        return ReadOnlyDeployer.refused();
    }

    @Override
    public Either<PortFailure, Done> disposeSavepoint(URI cluster, String path) {
        return ReadOnlyDeployer.refused();
    }
}
