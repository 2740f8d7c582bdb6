package org.flinkop.adapters.flink.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.rest.messages.JobExceptionsInfoWithHistory;
import org.apache.flink.runtime.rest.messages.JobExceptionsInfoWithHistory.RootExceptionInfo;
import org.junit.jupiter.api.Test;

class JobExceptionsTest {

    @Test
    void each_root_exception_is_its_first_line_and_its_last_cause_in_flink_s_order() {
        RootExceptionInfo newest = new RootExceptionInfo("org.apache.flink.runtime.JobException", "org.apache.flink.runtime.JobException: Recovery is suppressed\n"
                + "\tat org.apache.flink.runtime.Foo.bar(Foo.java:1)\n"
                + "Caused by: java.lang.RuntimeException: wrapped\n"
                + "Caused by: java.lang.ArithmeticException: / by zero\n"
                + "\tat com.example.Job.map(Job.java:42)\n", 2000L, Map.of(), List.of());
        RootExceptionInfo older = new RootExceptionInfo("java.lang.IllegalStateException", "java.lang.IllegalStateException: no\n", 1000L, Map.of(), List.of());

        List<String> texts = JobExceptions.texts(new JobExceptionsInfoWithHistory(new JobExceptionsInfoWithHistory.JobExceptionHistory(List.of(newest, older), false)))
                .toJavaList();

        assertThat(texts).containsExactly("org.apache.flink.runtime.JobException: Recovery is suppressed <- java.lang.ArithmeticException: / by zero",
                "java.lang.IllegalStateException: no");
    }

    @Test
    void no_history_is_no_exceptions() {
        assertThat(JobExceptions.texts(new JobExceptionsInfoWithHistory(new JobExceptionsInfoWithHistory.JobExceptionHistory(List.of(), false)))).isEmpty();
    }
}
