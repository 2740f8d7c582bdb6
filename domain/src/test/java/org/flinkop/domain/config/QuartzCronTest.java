package org.flinkop.domain.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuartzCronTest {

    @ParameterizedTest(name = "{0} after {1} is {2}")
    @CsvSource(delimiter = '|', value = {
        "0 0 * * * ?          | 2026-11-02T10:30:15Z | 2026-11-02T11:00:00Z",
        "0 0/15 * * * ?       | 2026-11-02T10:07:00Z | 2026-11-02T10:15:00Z",
        "0 0/15 * * * ?       | 2026-11-02T10:15:00Z | 2026-11-02T10:30:00Z",
        "30 5 2 * * ?         | 2026-11-02T02:05:30Z | 2026-11-03T02:05:30Z",
        "0 0 2 ? * MON-FRI    | 2026-11-06T03:00:00Z | 2026-11-09T02:00:00Z",
        "0 0 0 1 JAN ? 2028   | 2026-11-02T00:00:00Z | 2028-01-01T00:00:00Z",
        "0 0 12 29 2 ?        | 2026-11-02T00:00:00Z | 2028-02-29T12:00:00Z",
        "0 0 6,18 * * ?       | 2026-11-02T07:00:00Z | 2026-11-02T18:00:00Z",
        "0 0 0 ? * 1          | 2026-11-02T00:00:00Z | 2026-11-08T00:00:00Z"})
    void finds_the_next_fire_time(String expression, String after, String next) {
        assertThat(QuartzCron.parse(expression).get().nextAfter(Instant.parse(after))).contains(Instant.parse(next));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 0 * * *", "0 0 L * * ?", "0 0 12 ? * 2#1", "61 * * * * ?", "0 0 * ? * 8", "0 0 5-2 * * ?", "0 0/0 * * * ?", "hourly", ""})
    void refuses_what_it_cannot_schedule(String expression) {
        assertThat(QuartzCron.parse(expression)).isEmpty();
    }
}
