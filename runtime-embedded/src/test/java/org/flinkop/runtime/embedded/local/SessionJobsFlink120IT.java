package org.flinkop.runtime.embedded.local;

/** Two session jobs on one session cluster of Flink 1.20.0. */
class SessionJobsFlink120IT extends AbstractSessionJobsIT {

    @Override
    String version() {
        return "1.20.0";
    }

    @Override
    String spelling() {
        return "v1_20";
    }
}
