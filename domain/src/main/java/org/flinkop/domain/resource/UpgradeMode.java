package org.flinkop.domain.resource;

/** How a running job's state is carried into its next deployment. */
public enum UpgradeMode implements Spelled {
    STATELESS("stateless"),
    SAVEPOINT("savepoint"),
    LAST_STATE("last-state");

    private final String spelling;

    UpgradeMode(String spelling) {
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
