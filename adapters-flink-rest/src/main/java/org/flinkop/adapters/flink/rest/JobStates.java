package org.flinkop.adapters.flink.rest;

import io.vavr.control.Option;
import org.apache.flink.api.common.JobStatus;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.Spelled;

/**
 * Flink's job status, as the client library and the REST API report it, in the domain's terms. The REST text is
 * read without the client's enum, so a state a newer cluster reports and this client does not know is a value
 * (none), not an exception.
 */
final class JobStates {

    private JobStates() {
    }

    static FlinkJobState toDomain(JobStatus status) {
        return switch (status) {
            case INITIALIZING -> FlinkJobState.INITIALIZING;
            case CREATED -> FlinkJobState.CREATED;
            case RUNNING -> FlinkJobState.RUNNING;
            case FAILING -> FlinkJobState.FAILING;
            case FAILED -> FlinkJobState.FAILED;
            case CANCELLING -> FlinkJobState.CANCELLING;
            case CANCELED -> FlinkJobState.CANCELED;
            case FINISHED -> FlinkJobState.FINISHED;
            case RESTARTING -> FlinkJobState.RESTARTING;
            case SUSPENDED -> FlinkJobState.SUSPENDED;
            case RECONCILING -> FlinkJobState.RECONCILING;
        };
    }

    static Option<FlinkJobState> fromRest(String state) {
        return state == null ? Option.none() : Spelled.parse(FlinkJobState.class, state.trim());
    }
}
