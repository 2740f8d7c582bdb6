package org.flinkop.runtime.embedded.local;

/** Two session jobs on one session cluster of Flink 2.3.0. */
class SessionJobsFlink23IT extends AbstractSessionJobsIT {

    @Override
    String version() {
        return "2.3.0";
    }

    @Override
    String spelling() {
        return "v2_3";
    }
}
