package org.flinkop.runtime.operator.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogSinkTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final SecretMasker masker = new SecretMasker();
    private final LogSink sink = new LogSink(new PrintStream(out, true, StandardCharsets.UTF_8), LogLevel.INFO, masker,
            Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC));

    private String written() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void a_line_is_logfmt_with_the_time_level_logger_message_and_fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("kind", "FlinkDeployment");
        fields.put("name", "orders");
        fields.put("took_ms", 12);
        sink.write(LogLevel.INFO, "org.flinkop.operator", "reconcile pass", fields, null);
        assertThat(written()).isEqualTo("time=2026-11-01T10:00:00Z level=INFO logger=org.flinkop.operator msg=\"reconcile pass\" kind=FlinkDeployment"
                + " name=orders took_ms=12\n");
    }

    @Test
    void values_that_would_break_the_line_or_the_pairs_are_quoted_and_escaped() {
        sink.write(LogLevel.WARN, "x", "two\nlines", Map.of("error", "a \"quoted\" = sign\\"), null);
        assertThat(written()).isEqualTo("time=2026-11-01T10:00:00Z level=WARN logger=x msg=\"two\\nlines\" error=\"a \\\"quoted\\\" = sign\\\\\"\n");
    }

    @Test
    void a_problem_is_on_the_same_line_with_its_stack() {
        sink.write(LogLevel.ERROR, "x", "failed", Map.of(), new IllegalStateException("broken"));
        assertThat(written()).startsWith("time=2026-11-01T10:00:00Z level=ERROR logger=x msg=failed error=\"java.lang.IllegalStateException: broken\" stack=\"")
                .contains("\\n\\tat ").endsWith("\"\n");
        assertThat(written().lines()).hasSize(1);
    }

    @Test
    void lines_under_the_threshold_are_dropped() {
        sink.write(LogLevel.DEBUG, "x", "quiet", Map.of(), null);
        assertThat(written()).isEmpty();
        assertThat(sink.enabled(LogLevel.DEBUG)).isFalse();
        assertThat(sink.enabled(LogLevel.WARN)).isTrue();
    }

    @Test
    void secrets_are_masked_in_the_message_fields_and_stack() {
        masker.register("FlinkDeployment ns/a", Map.of("s3.secret-key", "Sup3rS3cret"));
        sink.write(LogLevel.ERROR, "x", "denied with Sup3rS3cret", Map.of("error", "password=hunter2"), new RuntimeException("Sup3rS3cret"));
        assertThat(written()).doesNotContain("Sup3rS3cret").doesNotContain("hunter2").contains("******");
    }

    @Test
    void libraries_logging_through_slf4j_and_the_platform_logger_reach_the_installed_sink() {
        LogSink before = LogOutput.sink();
        LogOutput.install(sink);
        try {
            org.slf4j.LoggerFactory.getLogger("io.fabric8.example").warn("watch of {} closed", "pods");
            System.getLogger("org.flinkop.adapters.example").log(System.Logger.Level.INFO, "informer of {0} retries", "FlinkDeployment");
            org.slf4j.LoggerFactory.getLogger("io.fabric8.example").debug("not shown at INFO");
        } finally {
            LogOutput.install(before);
        }
        assertThat(written()).contains("level=WARN logger=io.fabric8.example msg=\"watch of pods closed\"")
                .contains("level=INFO logger=org.flinkop.adapters.example msg=\"informer of FlinkDeployment retries\"")
                .doesNotContain("not shown");
    }
}
