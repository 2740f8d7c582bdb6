package org.flinkop.adapters.flink.rest;

import java.time.Duration;
import java.util.Objects;

/**
 * How the Flink REST client waits.
 *
 * @param requestTimeout the longest any one port call takes, retries and follow-up requests included
 * @param retries        how often a request is sent again when the cluster could not be reached, within the timeout
 */
public record FlinkRestSettings(Duration requestTimeout, int retries) {

    public FlinkRestSettings {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative: " + retries);
        }
    }

    /** Five seconds, one retry. */
    public static FlinkRestSettings defaults() {
        return new FlinkRestSettings(Duration.ofSeconds(5), 1);
    }
}
