package org.flinkop.adapters.flink.rest;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.URI;
import java.util.function.BiFunction;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.rest.RestClient;
import org.flinkop.domain.observe.CompletedCheckpoint;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.resource.SnapshotFormatType;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.flink.FlinkJobClient;
import org.flinkop.ports.flink.JobDetails;
import org.flinkop.ports.flink.SubmitRequest;

/**
 * {@link FlinkJobClient} on Flink's own REST client ({@link RestClient}, flink-clients 1.20), one per cluster
 * endpoint. Flink's {@code RestClusterClient} is not used: it retries for about a minute, looks up a leader a session
 * cluster's fixed endpoint does not need, and keeps file uploads private. Every port call has one deadline of
 * {@link FlinkRestSettings#requestTimeout()} for all its requests and retries ({@link RestCalls}).
 *
 * <p>The work is split by what it is about: the job's state and exceptions ({@link JobRequests}), jars
 * ({@link JarRequests}), and savepoints and checkpoints ({@link SnapshotRequests}). This class checks the caller's
 * ids and turns Flink's failures into the port's.
 */
final class FlinkRestJobClient implements FlinkJobClient, AutoCloseable {

    private final RestCalls rest;
    private final JobRequests jobs;
    private final JarRequests jars;
    private final SnapshotRequests snapshots;

    FlinkRestJobClient(FlinkRestSettings settings) {
        this.rest = new RestCalls(settings);
        this.jobs = new JobRequests(rest);
        this.jars = new JarRequests(rest);
        this.snapshots = new SnapshotRequests(rest);
    }

    @Override
    public Either<PortFailure, Option<JobDetails>> job(URI cluster, String jobId) {
        return forJob(jobId, (id, deadline) -> jobs.job(cluster, deadline, id));
    }

    @Override
    public Either<PortFailure, List<JobDetails>> jobs(URI cluster) {
        return jobs.jobs(cluster, rest.deadline()).mapLeft(RestFailure::failure);
    }

    @Override
    public Either<PortFailure, Done> submit(URI cluster, SubmitRequest request) {
        return forJob(request.jobId(), (id, deadline) -> JarRun.body(request).mapLeft(RestFailure::rejected)
                .flatMap(body -> jars.run(cluster, deadline, request.jar(), body)));
    }

    @Override
    public Either<PortFailure, Done> cancel(URI cluster, String jobId) {
        return forJob(jobId, (id, deadline) -> jobs.cancel(cluster, deadline, id));
    }

    @Override
    public Either<PortFailure, Done> stopWithSavepoint(URI cluster, String jobId, String triggerId, boolean drain, Option<String> directory) {
        return forJob(jobId, (id, deadline) -> snapshots.stopWithSavepoint(cluster, deadline, id, TriggerIds.of(triggerId), drain, directory));
    }

    @Override
    public Either<PortFailure, Done> triggerSavepoint(URI cluster, String jobId, String triggerId, Option<String> directory, SnapshotFormatType formatType) {
        return forJob(jobId, (id, deadline) -> snapshots.triggerSavepoint(cluster, deadline, id, TriggerIds.of(triggerId), directory, formatType));
    }

    @Override
    public Either<PortFailure, Done> triggerCheckpoint(URI cluster, String jobId, String triggerId) {
        return forJob(jobId, (id, deadline) -> snapshots.triggerCheckpoint(cluster, deadline, id, TriggerIds.of(triggerId)));
    }

    @Override
    public Either<PortFailure, TriggerResult> savepointResult(URI cluster, String jobId, String triggerId) {
        return forJob(jobId, (id, deadline) -> snapshots.savepointResult(cluster, deadline, id, TriggerIds.of(triggerId)));
    }

    @Override
    public Either<PortFailure, TriggerResult> checkpointResult(URI cluster, String jobId, String triggerId) {
        return forJob(jobId, (id, deadline) -> snapshots.checkpointResult(cluster, deadline, id, TriggerIds.of(triggerId)));
    }

    @Override
    public Either<PortFailure, Option<CompletedCheckpoint>> latestCheckpoint(URI cluster, String jobId) {
        return forJob(jobId, (id, deadline) -> snapshots.latestCheckpoint(cluster, deadline, id));
    }

    @Override
    public Either<PortFailure, Done> disposeSavepoint(URI cluster, String path) {
        return snapshots.disposeSavepoint(cluster, rest.deadline(), path).mapLeft(RestFailure::failure);
    }

    @Override
    public Either<PortFailure, List<String>> exceptions(URI cluster, String jobId) {
        return forJob(jobId, (id, deadline) -> jobs.exceptions(cluster, deadline, id));
    }

    /** Closes every cluster's client; calls after this fail. */
    @Override
    public void close() {
        rest.close();
    }

    /** Runs {@code call} with the caller's job id as Flink's (no request when it is not one) and the call's deadline. */
    private <T> Either<PortFailure, T> forJob(String jobId, BiFunction<JobID, Deadline, Either<RestFailure, T>> call) {
        Deadline deadline = rest.deadline();
        return Parameters.jobId(jobId).flatMap(id -> call.apply(id, deadline)).mapLeft(RestFailure::failure);
    }
}
