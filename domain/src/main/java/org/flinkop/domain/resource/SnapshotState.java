package org.flinkop.domain.resource;

/** The life of a FlinkStateSnapshot. */
public enum SnapshotState implements Spelled {
    TRIGGER_PENDING("TRIGGER_PENDING"),
    IN_PROGRESS("IN_PROGRESS"),
    COMPLETED("COMPLETED"),
    FAILED("FAILED"),
    ABANDONED("ABANDONED");

    private final String spelling;

    SnapshotState(String spelling) {
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
