package org.flinkop.domain.observe;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A completed, retained checkpoint: where it is and when it completed. */
public record CompletedCheckpoint(String path, Instant completedAt) {

    public CompletedCheckpoint {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(completedAt, "completedAt");
    }

    public Duration ageAt(Instant now) {
        return Duration.between(completedAt, now);
    }
}
