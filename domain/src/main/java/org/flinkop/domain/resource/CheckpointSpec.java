package org.flinkop.domain.resource;

/** A checkpoint request; it has no options ({@code checkpoint: {}}). */
public record CheckpointSpec() {
}
