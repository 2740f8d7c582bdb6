package org.flinkop.archfixture.testkit;

/** Violation: the testkit uses Flink's client instead of the Flink job client port. */
public final class FlinkInTestkit {
    org.apache.flink.api.common.JobID id;
}
