package org.flinkop.adapters.flink.rest;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.rest.handler.async.AsynchronousOperationInfo;
import org.apache.flink.runtime.rest.handler.async.AsynchronousOperationResult;
import org.apache.flink.runtime.rest.handler.async.TriggerResponse;
import org.apache.flink.runtime.rest.messages.EmptyMessageParameters;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.JobMessageParameters;
import org.apache.flink.runtime.rest.messages.MessageHeaders;
import org.apache.flink.runtime.rest.messages.MessageParameters;
import org.apache.flink.runtime.rest.messages.RequestBody;
import org.apache.flink.runtime.rest.messages.TriggerId;
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
import org.flinkop.domain.observe.CompletedCheckpoint;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.resource.SnapshotFormatType;
import org.flinkop.ports.Done;

/**
 * Savepoints and checkpoints: triggered under the caller's trigger id (so a trigger sent twice is one snapshot),
 * their results, the latest completed checkpoint, and disposing of a savepoint. Triggers share one shape (a job's
 * trigger request whose answer only needs to arrive), and so do results (a job's trigger status, read into a
 * {@link TriggerResult}, unknown when Flink does not know the trigger).
 */
final class SnapshotRequests {

    private static final Duration POLL_DELAY = Duration.ofMillis(100);
    private static final List<String> MISSING_SAVEPOINT = List.of("FileNotFoundException", "Cannot find checkpoint or savepoint");

    private final RestCalls rest;

    SnapshotRequests(RestCalls rest) {
        this.rest = rest;
    }

    Either<RestFailure, Done> stopWithSavepoint(URI cluster, Deadline deadline, JobID jobId, TriggerId triggerId, boolean drain, Option<String> directory) {
        return trigger(cluster, deadline, StopWithSavepointTriggerHeaders.getInstance(), new SavepointTriggerMessageParameters(), jobId,
                new StopWithSavepointRequestBody(directory.getOrNull(), drain, SavepointFormatType.DEFAULT, triggerId));
    }

    Either<RestFailure, Done> triggerSavepoint(URI cluster, Deadline deadline, JobID jobId, TriggerId triggerId, Option<String> directory,
            SnapshotFormatType formatType) {
        return trigger(cluster, deadline, SavepointTriggerHeaders.getInstance(), new SavepointTriggerMessageParameters(), jobId,
                new SavepointTriggerRequestBody(directory.getOrNull(), false, Snapshots.formatType(formatType), triggerId));
    }

    Either<RestFailure, Done> triggerCheckpoint(URI cluster, Deadline deadline, JobID jobId, TriggerId triggerId) {
        return trigger(cluster, deadline, CheckpointTriggerHeaders.getInstance(), new CheckpointTriggerMessageParameters(), jobId,
                new CheckpointTriggerRequestBody(CheckpointType.CONFIGURED, triggerId));
    }

    Either<RestFailure, TriggerResult> savepointResult(URI cluster, Deadline deadline, JobID jobId, TriggerId triggerId) {
        return result(cluster, deadline, SavepointStatusHeaders.getInstance(), new SavepointStatusMessageParameters(), jobId, triggerId,
                status -> Either.right(Snapshots.savepoint(status)));
    }

    /** A completed checkpoint's path is not in its trigger's status: it is read from the checkpoint's statistics. */
    Either<RestFailure, TriggerResult> checkpointResult(URI cluster, Deadline deadline, JobID jobId, TriggerId triggerId) {
        return result(cluster, deadline, CheckpointStatusHeaders.getInstance(), new CheckpointStatusMessageParameters(), jobId, triggerId,
                status -> checkpoint(cluster, deadline, jobId, status));
    }

    Either<RestFailure, Option<CompletedCheckpoint>> latestCheckpoint(URI cluster, Deadline deadline, JobID jobId) {
        return Answers.orNoneIfMissing(rest.call(cluster, deadline, CheckpointingStatisticsHeaders.getInstance(),
                        Parameters.forJob(new JobMessageParameters(), jobId), EmptyRequestBody.getInstance()))
                .map(statistics -> statistics.flatMap(Snapshots::latest));
    }

    /** Triggers the disposal and waits for it within the deadline; a savepoint already gone counts as disposed. */
    Either<RestFailure, Done> disposeSavepoint(URI cluster, Deadline deadline, String path) {
        return rest.call(cluster, deadline, SavepointDisposalTriggerHeaders.getInstance(), EmptyMessageParameters.getInstance(), new SavepointDisposalRequest(path))
                .flatMap(trigger -> awaitDisposal(cluster, deadline, trigger.getTriggerId()));
    }

    private <R extends RequestBody, U extends MessageParameters, M extends MessageHeaders<R, TriggerResponse, U>> Either<RestFailure, Done> trigger(
            URI cluster, Deadline deadline, M headers, U parameters, JobID jobId, R body) {
        return Answers.done(rest.call(cluster, deadline, headers, Parameters.forJob(parameters, jobId), body));
    }

    private <I, U extends MessageParameters, M extends MessageHeaders<EmptyRequestBody, AsynchronousOperationResult<I>, U>> Either<RestFailure, TriggerResult> result(
            URI cluster, Deadline deadline, M headers, U parameters, JobID jobId, TriggerId triggerId,
            Function<AsynchronousOperationResult<I>, Either<RestFailure, TriggerResult>> read) {
        return Answers.unknownIfMissing(rest.call(cluster, deadline, headers, Parameters.forTrigger(parameters, jobId, triggerId), EmptyRequestBody.getInstance())
                .flatMap(read));
    }

    private Either<RestFailure, TriggerResult> checkpoint(URI cluster, Deadline deadline, JobID jobId, AsynchronousOperationResult<CheckpointInfo> result) {
        if (result.queueStatus().getId() != QueueStatus.Id.COMPLETED) {
            return Either.right(new TriggerResult.InProgress());
        }
        CheckpointInfo info = result.resource();
        if (info.getFailureCause() != null) {
            return Either.right(new TriggerResult.Failed(Snapshots.failureText(info.getFailureCause())));
        }
        CheckpointMessageParameters parameters = Parameters.forCheckpoint(new CheckpointMessageParameters(), jobId, info.getCheckpointId());
        return rest.call(cluster, deadline, CheckpointStatisticDetailsHeaders.getInstance(), parameters, EmptyRequestBody.getInstance())
                .map(statistics -> statistics instanceof CheckpointStatistics.CompletedCheckpointStatistics completed
                        ? Snapshots.completed(completed)
                                .<TriggerResult>map(c -> new TriggerResult.Completed(c.path()))
                                .getOrElse(() -> new TriggerResult.Failed("checkpoint " + info.getCheckpointId() + " has no external path"))
                        : new TriggerResult.InProgress());
    }

    private Either<RestFailure, Done> awaitDisposal(URI cluster, Deadline deadline, TriggerId triggerId) {
        SavepointDisposalStatusMessageParameters parameters = new SavepointDisposalStatusMessageParameters();
        parameters.triggerIdPathParameter.resolve(triggerId);
        while (true) {
            Either<RestFailure, AsynchronousOperationResult<AsynchronousOperationInfo>> status =
                    rest.call(cluster, deadline, SavepointDisposalStatusHeaders.getInstance(), parameters, EmptyRequestBody.getInstance());
            if (status.isLeft()) {
                return Either.left(status.getLeft());
            }
            if (status.get().queueStatus().getId() == QueueStatus.Id.COMPLETED) {
                return disposed(status.get().resource());
            }
            if (!deadline.pause(POLL_DELAY)) {
                return Either.left(rest.timeout(cluster));
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
}
