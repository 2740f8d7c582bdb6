package org.flinkop.domain.resource;

import java.time.Instant;

/** What is known of the job: Flink's id and state, and the savepoint the last upgrade restored from. */
public record JobStatus(
        String jobName,
        String jobId,
        FlinkJobState state,
        Instant startTime,
        Instant updateTime,
        String upgradeSavepointPath) {
}
