package org.flinkop.archfixture.adapters.flink;

import org.apache.flink.api.common.JobStatus;

/** Allowed: Flink's client inside the Flink adapter. */
public final class FlinkClientUser {
    public JobStatus status() {
        return JobStatus.RUNNING;
    }
}
