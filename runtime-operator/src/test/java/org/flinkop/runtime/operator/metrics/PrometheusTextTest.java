package org.flinkop.runtime.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void a_family_is_its_help_and_type_lines_then_its_samples() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kind", "FlinkDeployment");
        labels.put("reason", "CONFLICT");
        String text = new PrometheusText().family("flinkop_reconcile_failures_total", PrometheusText.Type.COUNTER, "Passes that failed.")
                .sample("flinkop_reconcile_failures_total", labels, 3).toString();
        assertThat(text).isEqualTo("""
                # HELP flinkop_reconcile_failures_total Passes that failed.
                # TYPE flinkop_reconcile_failures_total counter
                flinkop_reconcile_failures_total{kind="FlinkDeployment",reason="CONFLICT"} 3
                """);
    }

    @Test
    void label_values_and_help_texts_are_escaped() {
        String text = new PrometheusText().family("x", PrometheusText.Type.GAUGE, "a \\ and a\nnewline")
                .sample("x", Map.of("path", "C:\\dir \"quoted\"\nnext"), 1).toString();
        assertThat(text).contains("# HELP x a \\\\ and a\\nnewline\n").contains("x{path=\"C:\\\\dir \\\"quoted\\\"\\nnext\"} 1\n");
    }

    @Test
    void numbers_are_written_as_the_format_spells_them() {
        assertThat(PrometheusText.number(42)).isEqualTo("42");
        assertThat(PrometheusText.number(0.25)).isEqualTo("0.25");
        assertThat(PrometheusText.number(1.5e-7)).isEqualTo("1.5E-7");
        assertThat(PrometheusText.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PrometheusText.number(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(PrometheusText.number(Double.NaN)).isEqualTo("NaN");
        assertThat(PrometheusText.number(1e20)).isEqualTo("1.0E20");
    }

    @Test
    void a_name_the_format_does_not_allow_is_refused() {
        assertThatThrownBy(() -> new PrometheusText().sample("reconcile-passes", 1)).hasMessageContaining("metric name: 'reconcile-passes'");
        assertThatThrownBy(() -> new PrometheusText().sample("x", Map.of("1kind", "a"), 1)).hasMessageContaining("label name: '1kind'");
        assertThatThrownBy(() -> new PrometheusText().sample("x", Map.of("__name__", "a"), 1)).hasMessageContaining("label name: '__name__'");
    }
}
