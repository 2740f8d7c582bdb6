package org.flinkop.ports.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureSummaryTest {

    @Test
    void a_stack_trace_becomes_its_first_line_and_its_deepest_cause() {
        String trace = """
                org.apache.flink.runtime.JobException: Recovery is suppressed by NoRestartBackoffTimeStrategy
                \tat org.apache.flink.runtime.executiongraph.failover.ExecutionFailureHandler.handleFailure(ExecutionFailureHandler.java:180)
                Caused by: org.apache.flink.util.FlinkRuntimeException: wrapped
                \tat x.y(Z.java:1)
                Caused by: java.lang.IllegalStateException: the source refused to start
                \tat a.b(C.java:2)
                """;

        assertThat(FailureSummary.of(trace)).isEqualTo("org.apache.flink.runtime.JobException: Recovery is suppressed by "
                + "NoRestartBackoffTimeStrategy (caused by java.lang.IllegalStateException: the source refused to start)");
    }

    @Test
    void a_single_line_stays_as_it_is() {
        assertThat(FailureSummary.of("java.lang.RuntimeException: boom\n")).isEqualTo("java.lang.RuntimeException: boom");
    }

    @Test
    void a_very_long_failure_is_cut() {
        String summary = FailureSummary.of("java.lang.RuntimeException: " + "x".repeat(5000));

        assertThat(summary).hasSize(FailureSummary.MAX_LENGTH).endsWith("…");
    }
}
