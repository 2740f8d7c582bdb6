package org.flinkop.domain.resource;

/** The format a savepoint is written in. */
public enum SnapshotFormatType implements Spelled {
    CANONICAL("CANONICAL"),
    NATIVE("NATIVE"),
    UNKNOWN("UNKNOWN");

    private final String spelling;

    SnapshotFormatType(String spelling) {
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
