package org.flinkop.adapters.flink.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.JobStatus;
import org.flinkop.domain.resource.FlinkJobState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobStatesTest {

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void every_flink_job_status_has_the_domain_state_of_the_same_name(JobStatus status) {
        assertThat(JobStates.toDomain(status).spelling()).isEqualTo(status.name());
        assertThat(JobStates.fromRest(status.name())).contains(JobStates.toDomain(status));
    }

    @Test
    void a_state_this_client_does_not_know_is_none_not_an_exception() {
        assertThat(JobStates.fromRest("PAUSED_FOR_A_NEW_REASON")).isEmpty();
        assertThat(JobStates.fromRest(null)).isEmpty();
        assertThat(FlinkJobState.values()).hasSize(JobStatus.values().length);
    }

    @Test
    void a_job_is_running_only_once_all_its_tasks_run() {
        var scheduled = java.util.Map.of(org.apache.flink.runtime.execution.ExecutionState.RUNNING, 1,
                org.apache.flink.runtime.execution.ExecutionState.DEPLOYING, 1);
        var running = java.util.Map.of(org.apache.flink.runtime.execution.ExecutionState.RUNNING, 2,
                org.apache.flink.runtime.execution.ExecutionState.FINISHED, 1, org.apache.flink.runtime.execution.ExecutionState.DEPLOYING, 0);

        assertThat(JobStates.toDomain(JobStatus.RUNNING, scheduled)).isEqualTo(FlinkJobState.CREATED);
        assertThat(JobStates.toDomain(JobStatus.RUNNING, running)).isEqualTo(FlinkJobState.RUNNING);
        assertThat(JobStates.toDomain(JobStatus.FAILED, scheduled)).isEqualTo(FlinkJobState.FAILED);
        int[] perState = new int[org.apache.flink.runtime.execution.ExecutionState.values().length];
        perState[org.apache.flink.runtime.execution.ExecutionState.SCHEDULED.ordinal()] = 1;
        assertThat(JobStates.toDomain(JobStatus.RUNNING, perState)).isEqualTo(FlinkJobState.CREATED);
    }
}
