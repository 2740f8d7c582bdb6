package org.flinkop.domain.observe;

import java.util.Objects;
import org.flinkop.domain.resource.FlinkJobState;

/** A job as the cluster reports it. */
public record ObservedJob(String jobId, FlinkJobState state) {

    public ObservedJob {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(state, "state");
    }

    /** FAILED, CANCELED, FINISHED or SUSPENDED: the job will not run again by itself. */
    public boolean isTerminal() {
        return switch (state) {
            case FAILED, CANCELED, FINISHED, SUSPENDED -> true;
            default -> false;
        };
    }
}
