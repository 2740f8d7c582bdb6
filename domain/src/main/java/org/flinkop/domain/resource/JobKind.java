package org.flinkop.domain.resource;

/** The kinds of resource a FlinkStateSnapshot may refer to. */
public enum JobKind implements Spelled {
    FLINK_DEPLOYMENT("FlinkDeployment"),
    FLINK_SESSION_JOB("FlinkSessionJob");

    private final String spelling;

    JobKind(String spelling) {
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
