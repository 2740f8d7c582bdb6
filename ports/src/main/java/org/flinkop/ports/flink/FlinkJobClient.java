package org.flinkop.ports.flink;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.URI;
import org.flinkop.domain.observe.CompletedCheckpoint;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.resource.SnapshotFormatType;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;

/**
 * Talks to one Flink cluster's REST API at {@code cluster}. Safe from any thread; every call returns within the
 * client's configured timeout (retries included) with a value: {@code TIMEOUT} or {@code UNAVAILABLE} when the
 * cluster does not answer, {@code REJECTED} with Flink's error text when it refuses. Trigger ids are chosen by
 * the caller, so a trigger sent twice (after a crash) is one savepoint.
 */
public interface FlinkJobClient {

    /** The job, when the cluster knows it. */
    Either<PortFailure, Option<JobDetails>> job(URI cluster, String jobId);

    /** Every job the cluster knows. */
    Either<PortFailure, List<JobDetails>> jobs(URI cluster);

    /** Submits a job under the request's job id; a job of that id already there is success (idempotent). */
    Either<PortFailure, Done> submit(URI cluster, SubmitRequest request);

    /** Cancels the job; a job already terminal is success. */
    Either<PortFailure, Done> cancel(URI cluster, String jobId);

    /** Stops the job with a savepoint under {@code triggerId} (into {@code directory}, or the configured one). */
    Either<PortFailure, Done> stopWithSavepoint(URI cluster, String jobId, String triggerId, boolean drain, Option<String> directory);

    /** Triggers a savepoint under {@code triggerId}. */
    Either<PortFailure, Done> triggerSavepoint(URI cluster, String jobId, String triggerId, Option<String> directory, SnapshotFormatType formatType);

    /** Triggers a checkpoint under {@code triggerId}. */
    Either<PortFailure, Done> triggerCheckpoint(URI cluster, String jobId, String triggerId);

    /** What became of a savepoint trigger (also a stop-with-savepoint's); {@code Unknown} when the cluster does not know it. */
    Either<PortFailure, TriggerResult> savepointResult(URI cluster, String jobId, String triggerId);

    /** What became of a checkpoint trigger. */
    Either<PortFailure, TriggerResult> checkpointResult(URI cluster, String jobId, String triggerId);

    /** The latest completed checkpoint of the job, when there is one. */
    Either<PortFailure, Option<CompletedCheckpoint>> latestCheckpoint(URI cluster, String jobId);

    /** Deletes a savepoint's files; a savepoint already gone is success. */
    Either<PortFailure, Done> disposeSavepoint(URI cluster, String path);

    /** The job's recent exceptions, newest first, as Flink reports them. */
    Either<PortFailure, List<String>> exceptions(URI cluster, String jobId);
}
