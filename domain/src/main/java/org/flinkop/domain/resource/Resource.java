package org.flinkop.domain.resource;

/** Resources of one JobManager or TaskManager pod; {@code memory} takes Flink sizes ({@code 2048m}) or Kubernetes quantities ({@code 2Gi}). */
public record Resource(
        Double cpu,
        String memory,
        String ephemeralStorage) {
}
