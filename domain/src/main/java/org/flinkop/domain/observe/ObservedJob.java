package org.flinkop.domain.observe;

import io.vavr.control.Option;
import java.util.Objects;
import org.flinkop.domain.resource.FlinkJobState;

/**
 * A job as the cluster reports it.
 *
 * @param failure for a FAILED job, Flink's root cause as its REST API reports it, when it could be read
 */
public record ObservedJob(String jobId, FlinkJobState state, Option<String> failure) {

    public ObservedJob {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(failure, "failure");
    }

    public ObservedJob(String jobId, FlinkJobState state) {
        this(jobId, state, Option.none());
    }

    public ObservedJob withFailure(String rootCause) {
        return new ObservedJob(jobId, state, Option.of(rootCause));
    }

    /** FAILED, CANCELED, FINISHED or SUSPENDED: the job will not run again by itself. */
    public boolean isTerminal() {
        return switch (state) {
            case FAILED, CANCELED, FINISHED, SUSPENDED -> true;
            default -> false;
        };
    }
}
