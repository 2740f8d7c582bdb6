package org.flinkop.adapters.flink.rest;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.messages.webmonitor.MultipleJobsDetails;
import org.apache.flink.runtime.rest.FileUpload;
import org.apache.flink.runtime.rest.RestClient;
import org.apache.flink.runtime.rest.handler.async.AsynchronousOperationInfo;
import org.apache.flink.runtime.rest.handler.async.AsynchronousOperationResult;
import org.apache.flink.runtime.rest.messages.EmptyMessageParameters;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.JobCancellationHeaders;
import org.apache.flink.runtime.rest.messages.JobCancellationMessageParameters;
import org.apache.flink.runtime.rest.messages.JobExceptionsHeaders;
import org.apache.flink.runtime.rest.messages.JobMessageParameters;
import org.apache.flink.runtime.rest.messages.JobsOverviewHeaders;
import org.apache.flink.runtime.rest.messages.MessageHeaders;
import org.apache.flink.runtime.rest.messages.MessageParameters;
import org.apache.flink.runtime.rest.messages.RequestBody;
import org.apache.flink.runtime.rest.messages.ResponseBody;
import org.apache.flink.runtime.rest.messages.TerminationModeQueryParameter.TerminationMode;
import org.apache.flink.runtime.rest.messages.TriggerId;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointIdPathParameter;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointInfo;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointMessageParameters;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatisticDetailsHeaders;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatusHeaders;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatusMessageParameters;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointTriggerHeaders;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointTriggerMessageParameters;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointTriggerRequestBody;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatisticsHeaders;
import org.apache.flink.runtime.rest.messages.job.JobDetailsHeaders;
import org.apache.flink.runtime.rest.messages.job.JobExceptionsMessageParameters;
import org.apache.flink.runtime.rest.messages.job.metrics.JobMetricsHeaders;
import org.apache.flink.runtime.rest.messages.job.metrics.JobMetricsMessageParameters;
import org.apache.flink.runtime.rest.messages.job.metrics.MetricCollectionResponseBody;
import org.apache.flink.runtime.rest.messages.job.savepoints.SavepointDisposalRequest;
import org.apache.flink.runtime.rest.messages.job.savepoints.SavepointDisposalStatusHeaders;
import org.apache.flink.runtime.rest.messages.job.savepoints.SavepointDisposalStatusMessageParameters;
import org.apache.flink.runtime.rest.messages.job.savepoints.SavepointDisposalTriggerHeaders;
import org.apache.flink.runtime.rest.messages.job.savepoints.SavepointStatusHeaders;
import org.apache.flink.runtime.rest.messages.job.savepoints.SavepointStatusMessageParameters;
import org.apache.flink.runtime.rest.messages.job.savepoints.SavepointTriggerHeaders;
import org.apache.flink.runtime.rest.messages.job.savepoints.SavepointTriggerMessageParameters;
import org.apache.flink.runtime.rest.messages.job.savepoints.SavepointTriggerRequestBody;
import org.apache.flink.runtime.rest.messages.job.savepoints.stop.StopWithSavepointRequestBody;
import org.apache.flink.runtime.rest.messages.job.savepoints.stop.StopWithSavepointTriggerHeaders;
import org.apache.flink.runtime.rest.messages.queue.QueueStatus;
import org.apache.flink.runtime.rest.util.RestConstants;
import org.apache.flink.runtime.webmonitor.handlers.JarRunHeaders;
import org.apache.flink.runtime.webmonitor.handlers.JarRunMessageParameters;
import org.apache.flink.runtime.webmonitor.handlers.JarRunRequestBody;
import org.apache.flink.runtime.webmonitor.handlers.JarUploadHeaders;
import org.flinkop.domain.observe.CompletedCheckpoint;
import org.flinkop.domain.observe.ObservedJob;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.resource.SnapshotFormatType;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.artifact.Artifact;
import org.flinkop.ports.flink.FlinkJobClient;
import org.flinkop.ports.flink.JobDetails;
import org.flinkop.ports.flink.SubmitRequest;

/**
 * {@link FlinkJobClient} on Flink's own REST client ({@link RestClient}, flink-clients 1.20), one per cluster
 * endpoint. Flink's {@code RestClusterClient} is not used: it retries for about a minute, looks up a leader a session
 * cluster's fixed endpoint does not need, and keeps file uploads private. Here every port call shares one deadline of
 * {@link FlinkRestSettings#requestTimeout()} across its requests and retries; a request that could not connect is
 * sent again up to {@link FlinkRestSettings#retries()} times while time remains.
 *
 * <p>Jars are uploaded once per cluster and SHA-256. A job's restarts are its {@code numRestarts} metric, 0 while
 * Flink has not fetched it yet (metrics lag up to {@code metrics.fetcher.update-interval}, 10 s by default).
 */
final class FlinkRestJobClient implements FlinkJobClient, AutoCloseable {

    private static final Duration RETRY_DELAY = Duration.ofMillis(200);
    private static final Duration POLL_DELAY = Duration.ofMillis(100);
    /** Flink 1.x names a job submitted twice so; Flink 2.x (applications) the second. */
    private static final List<String> DUPLICATE_JOB = List.of("DuplicateJobSubmissionException", "DuplicateApplicationSubmissionException");
    private static final String MISSING_JAR = "does not exist";
    private static final List<String> MISSING_SAVEPOINT = List.of("FileNotFoundException", "Cannot find checkpoint or savepoint");

    private final FlinkRestSettings settings;
    private final ExecutorService executor = Executors.newCachedThreadPool(FlinkRestJobClient::daemon);
    private final Map<URI, RestClient> clients = new ConcurrentHashMap<>();
    private final Map<String, String> uploadedJars = new ConcurrentHashMap<>();

    FlinkRestJobClient(FlinkRestSettings settings) {
        this.settings = settings;
    }

    @Override
    public Either<PortFailure, Option<JobDetails>> job(URI cluster, String jobId) {
        Deadline deadline = deadline();
        return parseJobId(jobId)
                .flatMap(id -> orNoneIfMissing(call(cluster, deadline, JobDetailsHeaders.getInstance(), jobParameters(new JobMessageParameters(), id), EmptyRequestBody.getInstance()))
                        .map(info -> info.map(i -> new JobDetails(new ObservedJob(jobId, JobStates.toDomain(i.getJobStatus(), i.getJobVerticesPerState())),
                                restarts(cluster, deadline, sendRestarts(cluster, id))))))
                .mapLeft(RestFailure::failure);
    }

    @Override
    public Either<PortFailure, List<JobDetails>> jobs(URI cluster) {
        Deadline deadline = deadline();
        return call(cluster, deadline, JobsOverviewHeaders.getInstance(), EmptyMessageParameters.getInstance(), EmptyRequestBody.getInstance())
                .map(overview -> withRestarts(cluster, deadline, overview))
                .mapLeft(RestFailure::failure);
    }

    @Override
    public Either<PortFailure, Done> submit(URI cluster, SubmitRequest request) {
        Deadline deadline = deadline();
        return parseJobId(request.jobId())
                .flatMap(id -> JarRun.body(request).mapLeft(RestFailure::rejected))
                .flatMap(body -> run(cluster, deadline, request.jar(), body, true))
                .mapLeft(RestFailure::failure);
    }

    @Override
    public Either<PortFailure, Done> cancel(URI cluster, String jobId) {
        Deadline deadline = deadline();
        return parseJobId(jobId)
                .flatMap(id -> recover(done(call(cluster, deadline, JobCancellationHeaders.getInstance(),
                        new JobCancellationMessageParameters().resolveJobId(id).resolveTerminationMode(TerminationMode.CANCEL), EmptyRequestBody.getInstance())),
                        failure -> failure.is(RestFailure.CONFLICT) ? Either.right(Done.DONE) : Either.left(failure)))
                .mapLeft(RestFailure::failure);
    }

    @Override
    public Either<PortFailure, Done> stopWithSavepoint(URI cluster, String jobId, String triggerId, boolean drain, Option<String> directory) {
        Deadline deadline = deadline();
        return parseJobId(jobId)
                .flatMap(id -> done(call(cluster, deadline, StopWithSavepointTriggerHeaders.getInstance(), savepointTriggerParameters(id),
                        new StopWithSavepointRequestBody(directory.getOrNull(), drain, SavepointFormatType.DEFAULT, TriggerIds.of(triggerId)))))
                .mapLeft(RestFailure::failure);
    }

    @Override
    public Either<PortFailure, Done> triggerSavepoint(URI cluster, String jobId, String triggerId, Option<String> directory, SnapshotFormatType formatType) {
        Deadline deadline = deadline();
        return parseJobId(jobId)
                .flatMap(id -> done(call(cluster, deadline, SavepointTriggerHeaders.getInstance(), savepointTriggerParameters(id),
                        new SavepointTriggerRequestBody(directory.getOrNull(), false, Snapshots.formatType(formatType), TriggerIds.of(triggerId)))))
                .mapLeft(RestFailure::failure);
    }

    @Override
    public Either<PortFailure, Done> triggerCheckpoint(URI cluster, String jobId, String triggerId) {
        Deadline deadline = deadline();
        return parseJobId(jobId)
                .flatMap(id -> {
                    CheckpointTriggerMessageParameters parameters = new CheckpointTriggerMessageParameters();
                    parameters.jobID.resolve(id);
                    return done(call(cluster, deadline, CheckpointTriggerHeaders.getInstance(), parameters,
                            new CheckpointTriggerRequestBody(CheckpointType.CONFIGURED, TriggerIds.of(triggerId))));
                })
                .mapLeft(RestFailure::failure);
    }

    @Override
    public Either<PortFailure, TriggerResult> savepointResult(URI cluster, String jobId, String triggerId) {
        Deadline deadline = deadline();
        return parseJobId(jobId)
                .flatMap(id -> {
                    SavepointStatusMessageParameters parameters = new SavepointStatusMessageParameters();
                    parameters.jobIdPathParameter.resolve(id);
                    parameters.triggerIdPathParameter.resolve(TriggerIds.of(triggerId));
                    return unknownIfMissing(call(cluster, deadline, SavepointStatusHeaders.getInstance(), parameters, EmptyRequestBody.getInstance())
                            .map(Snapshots::savepoint));
                })
                .mapLeft(RestFailure::failure);
    }

    @Override
    public Either<PortFailure, TriggerResult> checkpointResult(URI cluster, String jobId, String triggerId) {
        Deadline deadline = deadline();
        return parseJobId(jobId)
                .flatMap(id -> {
                    CheckpointStatusMessageParameters parameters = new CheckpointStatusMessageParameters();
                    parameters.jobIdPathParameter.resolve(id);
                    parameters.triggerIdPathParameter.resolve(TriggerIds.of(triggerId));
                    return unknownIfMissing(call(cluster, deadline, CheckpointStatusHeaders.getInstance(), parameters, EmptyRequestBody.getInstance())
                            .flatMap(result -> checkpoint(cluster, deadline, id, result)));
                })
                .mapLeft(RestFailure::failure);
    }

    @Override
    public Either<PortFailure, Option<CompletedCheckpoint>> latestCheckpoint(URI cluster, String jobId) {
        Deadline deadline = deadline();
        return parseJobId(jobId)
                .flatMap(id -> orNoneIfMissing(call(cluster, deadline, CheckpointingStatisticsHeaders.getInstance(), jobParameters(new JobMessageParameters(), id),
                        EmptyRequestBody.getInstance()))
                        .map(statistics -> statistics.flatMap(Snapshots::latest)))
                .mapLeft(RestFailure::failure);
    }

    @Override
    public Either<PortFailure, Done> disposeSavepoint(URI cluster, String path) {
        Deadline deadline = deadline();
        return call(cluster, deadline, SavepointDisposalTriggerHeaders.getInstance(), EmptyMessageParameters.getInstance(), new SavepointDisposalRequest(path))
                .flatMap(trigger -> awaitDisposal(cluster, deadline, trigger.getTriggerId()))
                .mapLeft(RestFailure::failure);
    }

    @Override
    public Either<PortFailure, List<String>> exceptions(URI cluster, String jobId) {
        Deadline deadline = deadline();
        return parseJobId(jobId)
                .flatMap(id -> call(cluster, deadline, JobExceptionsHeaders.getInstance(), jobParameters(new JobExceptionsMessageParameters(), id), EmptyRequestBody.getInstance()))
                .map(JobExceptions::texts)
                .mapLeft(RestFailure::failure);
    }

    /** Closes every cluster's client; calls after this fail. */
    @Override
    public void close() {
        CompletableFuture<?>[] closing = clients.values().stream().map(RestClient::closeAsync).toArray(CompletableFuture[]::new);
        clients.clear();
        try {
            CompletableFuture.allOf(closing).get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // best effort: the executor goes either way
        } finally {
            executor.shutdownNow();
        }
    }

    private List<JobDetails> withRestarts(URI cluster, Deadline deadline, MultipleJobsDetails overview) {
        List<org.apache.flink.runtime.messages.webmonitor.JobDetails> jobs = List.ofAll(overview.getJobs());
        List<CompletableFuture<MetricCollectionResponseBody>> restarts = jobs.map(job -> sendRestarts(cluster, job.getJobId()));
        return jobs.zipWith(restarts, (job, metric) -> new JobDetails(
                new ObservedJob(job.getJobId().toHexString(), JobStates.toDomain(job.getStatus(), job.getTasksPerState())), restarts(cluster, deadline, metric)));
    }

    private CompletableFuture<MetricCollectionResponseBody> sendRestarts(URI cluster, JobID jobId) {
        JobMetricsMessageParameters parameters = jobParameters(new JobMetricsMessageParameters(), jobId);
        parameters.metricsFilterParameter.resolve(java.util.List.of("numRestarts"));
        return send(cluster, JobMetricsHeaders.getInstance(), parameters, EmptyRequestBody.getInstance(), java.util.List.of());
    }

    private int restarts(URI cluster, Deadline deadline, CompletableFuture<MetricCollectionResponseBody> metric) {
        return await(cluster, deadline, metric)
                .toOption()
                .flatMap(body -> List.ofAll(body.getMetrics()).find(m -> "numRestarts".equals(m.getId())))
                .flatMap(m -> Option.of(m.getValue()))
                .flatMap(value -> io.vavr.control.Try.of(() -> (int) Double.parseDouble(value)).toOption())
                .getOrElse(0);
    }

    private Either<RestFailure, Done> run(URI cluster, Deadline deadline, Artifact jar, JarRunRequestBody body, boolean uploadAgainIfGone) {
        String key = cluster + "#" + jar.sha256();
        return recover(jarId(cluster, deadline, key, jar)
                .flatMap(jarId -> {
                    JarRunMessageParameters parameters = new JarRunMessageParameters();
                    parameters.jarIdPathParameter.resolve(jarId);
                    return done(call(cluster, deadline, JarRunHeaders.getInstance(), parameters, body));
                }), failure -> {
                    if (DUPLICATE_JOB.exists(failure.failure().message()::contains)) {
                        return Either.right(Done.DONE);
                    }
                    if (uploadAgainIfGone && failure.failure().message().contains(MISSING_JAR)) {
                        uploadedJars.remove(key);
                        return run(cluster, deadline, jar, body, false);
                    }
                    return Either.left(failure);
                });
    }

    private Either<RestFailure, String> jarId(URI cluster, Deadline deadline, String key, Artifact jar) {
        String known = uploadedJars.get(key);
        if (known != null) {
            return Either.right(known);
        }
        Path file = Path.of(jar.localPath());
        if (!Files.isRegularFile(file)) {
            return Either.left(RestFailure.rejected("no jar at " + file));
        }
        return call(cluster, deadline, JarUploadHeaders.getInstance(), EmptyMessageParameters.getInstance(), EmptyRequestBody.getInstance(),
                java.util.List.of(new FileUpload(file, RestConstants.CONTENT_TYPE_JAR)))
                .map(uploaded -> Path.of(uploaded.getFilename()).getFileName().toString())
                .peek(jarId -> uploadedJars.put(key, jarId));
    }

    private Either<RestFailure, TriggerResult> checkpoint(URI cluster, Deadline deadline, JobID jobId, AsynchronousOperationResult<CheckpointInfo> result) {
        if (result.queueStatus().getId() != QueueStatus.Id.COMPLETED) {
            return Either.right(new TriggerResult.InProgress());
        }
        CheckpointInfo info = result.resource();
        if (info.getFailureCause() != null) {
            return Either.right(new TriggerResult.Failed(Snapshots.failureText(info.getFailureCause())));
        }
        CheckpointMessageParameters parameters = jobParameters(new CheckpointMessageParameters(), jobId);
        parameters.getPathParameters().stream()
                .filter(CheckpointIdPathParameter.class::isInstance)
                .forEach(p -> ((CheckpointIdPathParameter) p).resolve(info.getCheckpointId()));
        return call(cluster, deadline, CheckpointStatisticDetailsHeaders.getInstance(), parameters, EmptyRequestBody.getInstance())
                .map(statistics -> statistics instanceof CheckpointStatistics.CompletedCheckpointStatistics
                        ? Snapshots.completed((CheckpointStatistics.CompletedCheckpointStatistics) statistics)
                                .<TriggerResult>map(c -> new TriggerResult.Completed(c.path()))
                                .getOrElse(() -> new TriggerResult.Failed("checkpoint " + info.getCheckpointId() + " has no external path"))
                        : new TriggerResult.InProgress());
    }

    private Either<RestFailure, Done> awaitDisposal(URI cluster, Deadline deadline, TriggerId triggerId) {
        SavepointDisposalStatusMessageParameters parameters = new SavepointDisposalStatusMessageParameters();
        parameters.triggerIdPathParameter.resolve(triggerId);
        while (true) {
            Either<RestFailure, AsynchronousOperationResult<AsynchronousOperationInfo>> status =
                    call(cluster, deadline, SavepointDisposalStatusHeaders.getInstance(), parameters, EmptyRequestBody.getInstance());
            if (status.isLeft()) {
                return Either.left(status.getLeft());
            }
            if (status.get().queueStatus().getId() == QueueStatus.Id.COMPLETED) {
                return disposed(status.get().resource());
            }
            if (!deadline.pause(POLL_DELAY)) {
                return Either.left(RestFailure.timeout(cluster, settings.requestTimeout()));
            }
        }
    }

    private static Either<RestFailure, Done> disposed(AsynchronousOperationInfo info) {
        if (info == null || info.getFailureCause() == null) {
            return Either.right(Done.DONE);
        }
        String text = Snapshots.failureText(info.getFailureCause());
        return MISSING_SAVEPOINT.exists(text::contains) ? Either.right(Done.DONE) : Either.left(RestFailure.rejected(text));
    }

    private <R extends RequestBody, P extends ResponseBody, U extends MessageParameters, M extends MessageHeaders<R, P, U>> Either<RestFailure, P> call(
            URI cluster, Deadline deadline, M headers, U parameters, R body) {
        return call(cluster, deadline, headers, parameters, body, java.util.List.of());
    }

    private <R extends RequestBody, P extends ResponseBody, U extends MessageParameters, M extends MessageHeaders<R, P, U>> Either<RestFailure, P> call(
            URI cluster, Deadline deadline, M headers, U parameters, R body, Collection<FileUpload> files) {
        Either<RestFailure, P> answer = await(cluster, deadline, send(cluster, headers, parameters, body, files));
        for (int retry = 0; retry < settings.retries() && answer.isLeft() && answer.getLeft().unreachable() && deadline.pause(RETRY_DELAY); retry++) {
            answer = await(cluster, deadline, send(cluster, headers, parameters, body, files));
        }
        return answer;
    }

    private <R extends RequestBody, P extends ResponseBody, U extends MessageParameters, M extends MessageHeaders<R, P, U>> CompletableFuture<P> send(
            URI cluster, M headers, U parameters, R body, Collection<FileUpload> files) {
        try {
            return client(cluster).sendRequest(cluster.getHost(), port(cluster), headers, parameters, body, files);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private <P> Either<RestFailure, P> await(URI cluster, Deadline deadline, CompletableFuture<P> answer) {
        try {
            return Either.right(answer.get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            answer.cancel(true);
            return Either.left(RestFailure.timeout(cluster, settings.requestTimeout()));
        } catch (ExecutionException e) {
            return Either.left(RestFailure.of(cluster, e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Either.left(RestFailure.of(cluster, e));
        }
    }

    private RestClient client(URI cluster) {
        return clients.computeIfAbsent(cluster, this::newClient);
    }

    private RestClient newClient(URI cluster) {
        Configuration configuration = new Configuration();
        configuration.set(RestOptions.CONNECTION_TIMEOUT, settings.requestTimeout());
        configuration.set(RestOptions.IDLENESS_TIMEOUT, settings.requestTimeout());
        configuration.set(RestOptions.AWAIT_LEADER_TIMEOUT, settings.requestTimeout());
        configuration.set(RestOptions.RETRY_MAX_ATTEMPTS, 0);
        try {
            return RestClient.forUrl(configuration, executor, cluster.toURL());
        } catch (MalformedURLException | org.apache.flink.util.ConfigurationException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a Flink REST endpoint: " + cluster, e);
        }
    }

    private static int port(URI cluster) {
        if (cluster.getPort() != -1) {
            return cluster.getPort();
        }
        return "https".equalsIgnoreCase(cluster.getScheme()) ? 443 : 80;
    }

    private Deadline deadline() {
        return new Deadline(System.nanoTime() + settings.requestTimeout().toNanos());
    }

    private static Either<RestFailure, JobID> parseJobId(String jobId) {
        try {
            return Either.right(JobID.fromHexString(jobId));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Either.left(RestFailure.rejected("not a Flink job id (32 hex digits): " + jobId));
        }
    }

    private static <P extends JobMessageParameters> P jobParameters(P parameters, JobID jobId) {
        parameters.jobPathParameter.resolve(jobId);
        return parameters;
    }

    private static SavepointTriggerMessageParameters savepointTriggerParameters(JobID jobId) {
        SavepointTriggerMessageParameters parameters = new SavepointTriggerMessageParameters();
        parameters.jobID.resolve(jobId);
        return parameters;
    }

    private static <T> Either<RestFailure, Done> done(Either<RestFailure, T> answer) {
        return answer.map(ignored -> Done.DONE);
    }

    private static <T> Either<RestFailure, Option<T>> orNoneIfMissing(Either<RestFailure, T> answer) {
        return recover(answer.map(Option::some), failure -> failure.is(RestFailure.NOT_FOUND) ? Either.right(Option.none()) : Either.left(failure));
    }

    private static Either<RestFailure, TriggerResult> unknownIfMissing(Either<RestFailure, TriggerResult> answer) {
        return recover(answer, failure -> failure.is(RestFailure.NOT_FOUND) ? Either.right(new TriggerResult.Unknown()) : Either.left(failure));
    }

    private static <T> Either<RestFailure, T> recover(Either<RestFailure, T> answer, Function<RestFailure, Either<RestFailure, T>> onFailure) {
        return answer.isRight() ? answer : onFailure.apply(answer.getLeft());
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "flinkop-flink-rest");
        thread.setDaemon(true);
        return thread;
    }

    /** When a port call must have answered. */
    private record Deadline(long endNanos) {

        Duration remaining() {
            return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
        }

        /** Waits {@code delay}, if the deadline leaves time for it and a request after; false when it does not. */
        boolean pause(Duration delay) {
            if (remaining().compareTo(delay) <= 0) {
                return false;
            }
            try {
                Thread.sleep(delay.toMillis());
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
