package org.flinkop.domain.resource;

import java.time.Instant;

/**
 * What the health check remembers between passes: the job's restart count at the start of the current window.
 *
 * @param restartCount      Flink's restart count when the window began
 * @param restartCountSince when the window began
 */
public record ClusterHealth(Integer restartCount, Instant restartCountSince) {
}
