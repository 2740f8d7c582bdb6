package org.flinkop.domain.resource;

/** Whether the last reconciled spec is deployed, being deployed, or being rolled back. */
public enum ReconciliationState implements Spelled {
    DEPLOYED("DEPLOYED"),
    UPGRADING("UPGRADING"),
    ROLLING_BACK("ROLLING_BACK"),
    ROLLED_BACK("ROLLED_BACK");

    private final String spelling;

    ReconciliationState(String spelling) {
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
