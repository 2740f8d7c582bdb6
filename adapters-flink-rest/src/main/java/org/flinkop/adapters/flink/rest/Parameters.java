package org.flinkop.adapters.flink.rest;

import io.vavr.control.Either;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.rest.messages.JobIDPathParameter;
import org.apache.flink.runtime.rest.messages.MessageParameters;
import org.apache.flink.runtime.rest.messages.MessagePathParameter;
import org.apache.flink.runtime.rest.messages.TriggerId;
import org.apache.flink.runtime.rest.messages.TriggerIdPathParameter;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointIdPathParameter;

/**
 * The path parameters of Flink's requests, resolved by their kind rather than by each parameter class's own field
 * names, which differ between requests of the same shape ({@code jobID}, {@code jobPathParameter},
 * {@code jobIdPathParameter}).
 */
final class Parameters {

    private Parameters() {
    }

    /** The caller's job id as Flink's, or a rejection naming what a job id is. */
    static Either<RestFailure, JobID> jobId(String jobId) {
        try {
            return Either.right(JobID.fromHexString(jobId));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Either.left(RestFailure.rejected("not a Flink job id (32 hex digits): " + jobId));
        }
    }

    static <P extends MessageParameters> P forJob(P parameters, JobID jobId) {
        for (MessagePathParameter<?> parameter : parameters.getPathParameters()) {
            if (parameter instanceof JobIDPathParameter job) {
                job.resolve(jobId);
            }
        }
        return parameters;
    }

    static <P extends MessageParameters> P forTrigger(P parameters, JobID jobId, TriggerId triggerId) {
        for (MessagePathParameter<?> parameter : forJob(parameters, jobId).getPathParameters()) {
            if (parameter instanceof TriggerIdPathParameter trigger) {
                trigger.resolve(triggerId);
            }
        }
        return parameters;
    }

    static <P extends MessageParameters> P forCheckpoint(P parameters, JobID jobId, long checkpointId) {
        for (MessagePathParameter<?> parameter : forJob(parameters, jobId).getPathParameters()) {
            if (parameter instanceof CheckpointIdPathParameter checkpoint) {
                checkpoint.resolve(checkpointId);
            }
        }
        return parameters;
    }
}
