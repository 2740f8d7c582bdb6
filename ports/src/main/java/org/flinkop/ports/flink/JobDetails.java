package org.flinkop.ports.flink;

import org.flinkop.domain.observe.ObservedJob;

/** A job as the REST API reports it: id and state, and how often it restarted. */
public record JobDetails(ObservedJob job, int restarts) {
}
