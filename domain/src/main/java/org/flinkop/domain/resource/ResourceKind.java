package org.flinkop.domain.resource;

/** The three custom resource kinds of flink.apache.org/v1beta1. */
public enum ResourceKind implements Spelled {
    FLINK_DEPLOYMENT("FlinkDeployment"),
    FLINK_SESSION_JOB("FlinkSessionJob"),
    FLINK_STATE_SNAPSHOT("FlinkStateSnapshot");

    private final String spelling;

    ResourceKind(String spelling) {
        this.spelling = spelling;
    }

    @Override
    public String spelling() {
        return spelling;
    }

    @Override
    public String toString() {
        return spelling;
    }
}
