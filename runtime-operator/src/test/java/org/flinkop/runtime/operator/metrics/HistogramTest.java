package org.flinkop.runtime.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void buckets_are_cumulative_up_to_inf_with_the_sum_and_count() {
        Histogram histogram = new Histogram(0.1, 1);
        histogram.observe(0.05);
        histogram.observe(0.1);
        histogram.observe(0.5);
        histogram.observe(7);
        PrometheusText out = new PrometheusText();
        histogram.write(out, "d_seconds", Map.of("kind", "FlinkDeployment"));
        assertThat(out.toString()).isEqualTo("""
                d_seconds_bucket{kind="FlinkDeployment",le="0.1"} 2
                d_seconds_bucket{kind="FlinkDeployment",le="1"} 3
                d_seconds_bucket{kind="FlinkDeployment",le="+Inf"} 4
                d_seconds_sum{kind="FlinkDeployment"} 7.65
                d_seconds_count{kind="FlinkDeployment"} 4
                """);
    }

    @Test
    void bounds_must_increase() {
        assertThatThrownBy(() -> new Histogram(1, 1)).hasMessageContaining("must increase");
    }
}
