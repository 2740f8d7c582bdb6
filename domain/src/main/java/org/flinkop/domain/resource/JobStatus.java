package org.flinkop.domain.resource;

import java.time.Instant;

/**
 * What is known of the job: Flink's id and state, the savepoint the last upgrade restored from, and when the
 * last periodic savepoint and checkpoint were requested.
 */
public record JobStatus(
        String jobName,
        String jobId,
        FlinkJobState state,
        Instant startTime,
        Instant updateTime,
        String upgradeSavepointPath,
        Instant lastPeriodicSavepointTimestamp,
        Instant lastPeriodicCheckpointTimestamp) {
}
