package org.flinkop.domain.resource;

/** The state the user wants the job in. */
public enum JobState implements Spelled {
    RUNNING("running"),
    SUSPENDED("suspended");

    private final String spelling;

    JobState(String spelling) {
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
