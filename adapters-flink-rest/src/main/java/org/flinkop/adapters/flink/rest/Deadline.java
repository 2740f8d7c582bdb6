package org.flinkop.adapters.flink.rest;

import java.time.Duration;

/** When a port call must have answered: every request and retry of one call shares it. */
record Deadline(long endNanos) {

    static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    /** Waits {@code delay}, if the deadline leaves time for it and a request after; false when it does not. */
    boolean pause(Duration delay) {
        if (remaining().compareTo(delay) <= 0) {
            return false;
        }
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
