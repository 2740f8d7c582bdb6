package org.flinkop.domain.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {

    /** Flink's units are binary and case-insensitive, so 1G is a gibibyte, as Flink and the Apache operator read it. */
    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource({
        "2048m, 2147483648", "2g, 2147483648", "1024 mb, 1073741824", "512k, 524288", "1t, 1099511627776", "100, 100", "1 bytes, 1",
        "2Gi, 2147483648", "1536Mi, 1610612736", "1500000000, 1500000000", "1G, 1073741824", "1.5Gi, 1610612736", "2e9, 2000000000", "2048M, 2147483648"})
    void memory_sizes_read_flink_syntax_first_then_kubernetes_quantities(String text, long bytes) {
        assertThat(MemorySize.parseBytes(text)).contains(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "0m", "-1g", "2 parsecs", "lots", "1.5.2g", "99999999999999999999t"})
    void memory_sizes_that_are_not_sizes_are_refused(String text) {
        assertThat(MemorySize.parseBytes(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"500m, 0.5", "2, 2", "1.5, 1.5", "10Gi, 10737418240", "1k, 1000", "1e3, 1000", "+3, 3", "250u, 0.00025"})
    void quantities(String text, String value) {
        assertThat(Quantity.parse(text).get()).isEqualByComparingTo(new BigDecimal(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Gi", "1 Gi", "1gi", "1KB", "m500", "1e999"})
    void quantities_that_are_not_quantities(String text) {
        assertThat(Quantity.parse(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"6h, PT6H", "30 s, PT30S", "10min, PT10M", "1d, PT24H", "500, PT0.5S", "250 ms, PT0.25S", "0, PT0S", "2 minutes, PT2M"})
    void flink_durations(String text, String iso) {
        assertThat(FlinkDuration.parse(text)).contains(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hourly", "6 hours later", "-1s", "1.5h", "PT6H"})
    void flink_durations_that_are_not_durations(String text) {
        assertThat(FlinkDuration.parse(text)).isEmpty();
    }
}
