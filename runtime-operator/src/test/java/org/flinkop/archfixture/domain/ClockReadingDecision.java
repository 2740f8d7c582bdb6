package org.flinkop.archfixture.domain;

import java.time.Instant;

/** Violation: a decision reads the clock instead of taking "now" as an argument. */
public final class ClockReadingDecision {
    public static boolean expired(Instant deadline) {
        return Instant.now().isAfter(deadline);
    }
}
