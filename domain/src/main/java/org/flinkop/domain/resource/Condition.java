package org.flinkop.domain.resource;

import java.time.Instant;

/** A Kubernetes-style condition: {@code status} is {@code True}, {@code False} or {@code Unknown}. */
public record Condition(
        String type,
        String status,
        String reason,
        String message,
        Instant lastTransitionTime,
        Long observedGeneration) {
}
