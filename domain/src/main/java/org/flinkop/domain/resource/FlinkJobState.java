package org.flinkop.domain.resource;

/** A Flink job's status as Flink's REST API reports it. */
public enum FlinkJobState implements Spelled {
    INITIALIZING("INITIALIZING"),
    CREATED("CREATED"),
    RUNNING("RUNNING"),
    FAILING("FAILING"),
    FAILED("FAILED"),
    CANCELLING("CANCELLING"),
    CANCELED("CANCELED"),
    FINISHED("FINISHED"),
    RESTARTING("RESTARTING"),
    SUSPENDED("SUSPENDED"),
    RECONCILING("RECONCILING");

    private final String spelling;

    FlinkJobState(String spelling) {
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
