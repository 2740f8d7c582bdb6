package org.flinkop.domain.resource;

/** Where a resource is in its life, as shown in the "Lifecycle State" column. */
public enum ResourceLifecycleState implements Spelled {
    CREATED("CREATED"),
    SUSPENDED("SUSPENDED"),
    UPGRADING("UPGRADING"),
    DEPLOYED("DEPLOYED"),
    STABLE("STABLE"),
    ROLLING_BACK("ROLLING_BACK"),
    ROLLED_BACK("ROLLED_BACK"),
    FAILED("FAILED"),
    DELETING("DELETING"),
    DELETED("DELETED");

    private final String spelling;

    ResourceLifecycleState(String spelling) {
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
