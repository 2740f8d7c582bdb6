package org.flinkop.adapters.flink.rest;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.messages.webmonitor.MultipleJobsDetails;
import org.apache.flink.runtime.rest.messages.EmptyMessageParameters;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.JobCancellationHeaders;
import org.apache.flink.runtime.rest.messages.JobCancellationMessageParameters;
import org.apache.flink.runtime.rest.messages.JobMessageParameters;
import org.apache.flink.runtime.rest.messages.JobsOverviewHeaders;
import org.apache.flink.runtime.rest.messages.TerminationModeQueryParameter.TerminationMode;
import org.apache.flink.runtime.rest.messages.job.JobDetailsHeaders;
import org.apache.flink.runtime.rest.messages.job.JobExceptionsMessageParameters;
import org.apache.flink.runtime.rest.messages.job.metrics.JobMetricsHeaders;
import org.apache.flink.runtime.rest.messages.job.metrics.JobMetricsMessageParameters;
import org.apache.flink.runtime.rest.messages.job.metrics.MetricCollectionResponseBody;
import org.flinkop.domain.observe.ObservedJob;
import org.flinkop.ports.Done;
import org.flinkop.ports.flink.JobDetails;

/**
 * A job's state, restarts and exceptions, and cancelling it. A job's restarts are its {@code numRestarts} metric, 0
 * while Flink has not fetched it yet (metrics lag up to {@code metrics.fetcher.update-interval}, 10 s by default).
 */
final class JobRequests {

    private static final String RESTARTS = "numRestarts";

    private final RestCalls rest;

    JobRequests(RestCalls rest) {
        this.rest = rest;
    }

    Either<RestFailure, Option<JobDetails>> job(URI cluster, Deadline deadline, JobID jobId) {
        return Answers.orNoneIfMissing(rest.call(cluster, deadline, JobDetailsHeaders.getInstance(), Parameters.forJob(new JobMessageParameters(), jobId),
                        EmptyRequestBody.getInstance()))
                .map(info -> info.map(i -> new JobDetails(new ObservedJob(jobId.toHexString(), JobStates.toDomain(i.getJobStatus(), i.getJobVerticesPerState())),
                        restarts(cluster, deadline, sendRestarts(cluster, jobId)))));
    }

    Either<RestFailure, List<JobDetails>> jobs(URI cluster, Deadline deadline) {
        return rest.call(cluster, deadline, JobsOverviewHeaders.getInstance(), EmptyMessageParameters.getInstance(), EmptyRequestBody.getInstance())
                .map(overview -> withRestarts(cluster, deadline, overview));
    }

    /** A job already terminal (Flink answers 409) counts as cancelled. */
    Either<RestFailure, Done> cancel(URI cluster, Deadline deadline, JobID jobId) {
        JobCancellationMessageParameters parameters = new JobCancellationMessageParameters().resolveJobId(jobId).resolveTerminationMode(TerminationMode.CANCEL);
        return Answers.recover(Answers.done(rest.call(cluster, deadline, JobCancellationHeaders.getInstance(), parameters, EmptyRequestBody.getInstance())),
                failure -> failure.is(RestFailure.CONFLICT) ? Either.right(Done.DONE) : Either.left(failure));
    }

    /** The job's exception history, newest first ({@link JobExceptions}). */
    Either<RestFailure, List<String>> exceptions(URI cluster, Deadline deadline, JobID jobId) {
        return rest.call(cluster, deadline, JobExceptionsRequest.INSTANCE, Parameters.forJob(new JobExceptionsMessageParameters(), jobId),
                        EmptyRequestBody.getInstance())
                .map(answer -> JobExceptions.texts(answer.tree()));
    }

    private List<JobDetails> withRestarts(URI cluster, Deadline deadline, MultipleJobsDetails overview) {
        List<org.apache.flink.runtime.messages.webmonitor.JobDetails> jobs = List.ofAll(overview.getJobs());
        List<CompletableFuture<MetricCollectionResponseBody>> restarts = jobs.map(job -> sendRestarts(cluster, job.getJobId()));
        return jobs.zipWith(restarts, (job, metric) -> new JobDetails(
                new ObservedJob(job.getJobId().toHexString(), JobStates.toDomain(job.getStatus(), job.getTasksPerState())), restarts(cluster, deadline, metric)));
    }

    private CompletableFuture<MetricCollectionResponseBody> sendRestarts(URI cluster, JobID jobId) {
        JobMetricsMessageParameters parameters = Parameters.forJob(new JobMetricsMessageParameters(), jobId);
        parameters.metricsFilterParameter.resolve(java.util.List.of(RESTARTS));
        return rest.send(cluster, JobMetricsHeaders.getInstance(), parameters, EmptyRequestBody.getInstance(), java.util.List.of());
    }

    private int restarts(URI cluster, Deadline deadline, CompletableFuture<MetricCollectionResponseBody> metric) {
        return rest.await(cluster, deadline, metric)
                .toOption()
                .flatMap(body -> List.ofAll(body.getMetrics()).find(m -> RESTARTS.equals(m.getId())))
                .flatMap(m -> Option.of(m.getValue()))
                .flatMap(value -> Try.of(() -> (int) Double.parseDouble(value)).toOption())
                .getOrElse(0);
    }
}
