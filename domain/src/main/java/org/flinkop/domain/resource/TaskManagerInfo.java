package org.flinkop.domain.resource;

/** The TaskManagers the cluster runs, read by the scale subresource. */
public record TaskManagerInfo(
        String labelSelector,
        Integer replicas) {
}
