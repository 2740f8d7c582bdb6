package org.flinkop.adapters.flink.rest.artifact;

import java.time.Duration;

/** When a whole fetch, redirects included, must be done. */
record FetchDeadline(long endNanos, Duration total) {

    static FetchDeadline after(Duration total) {
        return new FetchDeadline(System.nanoTime() + total.toNanos(), total);
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    /** The longest the next wait may take: {@code limit}, or less when the deadline comes first; at least 1 ms. */
    int waitMillis(Duration limit) {
        long millis = Math.min(limit.toMillis(), remaining().toMillis());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
    }

    boolean passed() {
        return remaining().isZero();
    }

    /** The failure of a fetch that reached this deadline. */
    FetchTimeoutException exceeded() {
        return new FetchTimeoutException("not fetched within " + total.toMillis() + " ms (" + ArtifactConfiguration.FETCH_TIMEOUT + ")");
    }
}
