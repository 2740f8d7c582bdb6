package org.flinkop.adapters.flink.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.apache.flink.runtime.rest.messages.JobExceptionsInfoWithHistory;
import org.apache.flink.runtime.rest.util.RestMapperUtils;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.flinkop.adapters.flink.rest.JobExceptions.JobException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exception history as Flink 1.20.0 and 2.3.0 answered it for a job whose operator threw on its first record
 * (recorded from real clusters), and the shapes either version may send.
 */
class JobExceptionsTest {

    private static final String TASK = "Source: Sequence Source -> Map -> Sink: Print to Std. Out (1/1) - execution #0";

    @ParameterizedTest
    @ValueSource(strings = {"flink-1.20", "flink-2.3"})
    void a_job_failed_on_its_first_record_is_one_root_exception_with_the_user_s_error_and_its_task(String version) throws IOException {
        JobException only = JobExceptions.read(answer("/" + version + "/exceptions-failed-on-first-record.json")).single();

        assertThat(only.text()).isEqualTo("org.apache.flink.runtime.JobException: Recovery is suppressed by NoRestartBackoffTimeStrategy"
                + " <- java.lang.IllegalStateException: flinkop failing job refuses record 1");
        assertThat(only.taskName()).contains(TASK);
        assertThat(only.timestamp()).isNotEmpty();
    }

    @Test
    void flink_2_fields_no_1_x_field_and_unknown_fields_read_the_same() throws IOException {
        JobException newer = JobExceptions.read(answer("/flink-2.3/exceptions-failed-on-first-record.json")).single();

        assertThat(newer.timestamp()).contains(Instant.ofEpochMilli(1795550668570L));
        assertThat(JobExceptions.read(json("{\"exceptionHistory\":{\"entries\":[{\"exceptionName\":\"x.Boom\",\"timestamp\":5,\"newField\":[1,2]}],"
                + "\"truncated\":false,\"more\":{}},\"another\":true}")).map(JobException::text)).containsExactly("x.Boom");
    }

    @Test
    void flink_1_20_s_own_answer_class_cannot_read_a_2_3_answer_which_is_why_the_tree_is_read() throws IOException {
        JsonNode newer = answer("/flink-2.3/exceptions-failed-on-first-record.json");

        assertThatThrownBy(() -> RestMapperUtils.getStrictObjectMapper().treeToValue(newer, JobExceptionsInfoWithHistory.class)).isInstanceOf(IOException.class);
    }

    @Test
    void the_texts_say_the_error_then_the_task_and_the_time() throws IOException {
        assertThat(JobExceptions.texts(answer("/flink-2.3/exceptions-failed-on-first-record.json")).single())
                .isEqualTo("org.apache.flink.runtime.JobException: Recovery is suppressed by NoRestartBackoffTimeStrategy"
                        + " <- java.lang.IllegalStateException: flinkop failing job refuses record 1 (task: " + TASK + ", at: 2026-11-24T20:04:28.570Z)");
    }

    @Test
    void the_history_is_newest_first_whatever_order_flink_sends() {
        String answer = "{\"exceptionHistory\":{\"entries\":["
                + "{\"exceptionName\":\"a.Older\",\"stacktrace\":\"a.Older: first\\n\\tat x.y(Z.java:1)\",\"timestamp\":1000,\"taskName\":\"Map (1/2)\"},"
                + "{\"exceptionName\":\"b.Newer\",\"stacktrace\":\"b.Newer: second\\nCaused by: c.Cause: one\\nCaused by: d.Root: two\\n\\tat x\",\"timestamp\":2000}]}}";

        assertThat(JobExceptions.texts(json(answer))).containsExactly("b.Newer: second <- d.Root: two (at: 1970-01-01T00:00:02Z)",
                "a.Older: first (task: Map (1/2), at: 1970-01-01T00:00:01Z)");
    }

    @Test
    void a_1_x_answer_without_history_is_its_root_exception() {
        String answer = "{\"root-exception\":\"java.lang.RuntimeException: boom\\n\\tat a.b(C.java:3)\",\"timestamp\":3000,\"all-exceptions\":[],\"truncated\":false}";

        assertThat(JobExceptions.read(json(answer))).containsExactly(
                new JobException("java.lang.RuntimeException: boom", Option.some(Instant.ofEpochMilli(3000)), Option.none()));
    }

    @Test
    void no_history_is_no_exceptions() {
        assertThat(JobExceptions.read(json("{\"exceptionHistory\":{\"entries\":[],\"truncated\":false}}"))).isEmpty();
        assertThat(JobExceptions.read(json("{\"root-exception\":null,\"timestamp\":null,\"all-exceptions\":[],\"truncated\":false,"
                + "\"exceptionHistory\":{\"entries\":[],\"truncated\":false}}"))).isEmpty();
        assertThat(JobExceptions.read(json("{}"))).isEmpty();
        assertThat(JobExceptions.read(json("{\"exceptionHistory\":\"not an object\"}"))).isEmpty();
    }

    private static JsonNode answer(String resource) throws IOException {
        try (InputStream json = JobExceptionsTest.class.getResourceAsStream(resource)) {
            return RestMapperUtils.getStrictObjectMapper().readTree(json);
        }
    }

    private static JsonNode json(String text) {
        try {
            return RestMapperUtils.getStrictObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
