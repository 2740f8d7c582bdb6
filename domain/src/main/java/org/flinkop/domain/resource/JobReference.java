package org.flinkop.domain.resource;

/** The FlinkDeployment or FlinkSessionJob whose job a snapshot is of. */
public record JobReference(
        JobKind kind,
        String name) {
}
