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

    /**
     * The job's state as the operator should see it: Flink reports RUNNING as soon as the job is scheduled, but a
     * savepoint can only be taken once its tasks run, so until every task runs (or has finished) it is CREATED.
     */
    static FlinkJobState toDomain(JobStatus status, java.util.Map<org.apache.flink.runtime.execution.ExecutionState, Integer> countsPerState) {
        FlinkJobState state = toDomain(status);
        if (state != FlinkJobState.RUNNING) {
            return state;
        }
        boolean allRunning = countsPerState.entrySet().stream()
                .filter(e -> e.getKey() != org.apache.flink.runtime.execution.ExecutionState.RUNNING
                        && e.getKey() != org.apache.flink.runtime.execution.ExecutionState.FINISHED)
                .allMatch(e -> e.getValue() == null || e.getValue() == 0);
        return allRunning ? FlinkJobState.RUNNING : FlinkJobState.CREATED;
    }

    /** As {@link #toDomain(JobStatus, java.util.Map)}, from the task counts the jobs overview gives, indexed by execution state. */
    static FlinkJobState toDomain(JobStatus status, int[] tasksPerState) {
        java.util.Map<org.apache.flink.runtime.execution.ExecutionState, Integer> counts = new java.util.EnumMap<>(org.apache.flink.runtime.execution.ExecutionState.class);
        org.apache.flink.runtime.execution.ExecutionState[] states = org.apache.flink.runtime.execution.ExecutionState.values();
        for (int i = 0; i < tasksPerState.length && i < states.length; i++) {
            counts.put(states[i], tasksPerState[i]);
        }
        return toDomain(status, counts);
    }

    static Option<FlinkJobState> fromRest(String state) {
        return state == null ? Option.none() : Spelled.parse(FlinkJobState.class, state.trim());
    }
}
