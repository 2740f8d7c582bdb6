package org.flinkop.domain.resource;

/** What is known of the JobManager deployment of a cluster. */
public enum JobManagerDeploymentStatus implements Spelled {
    READY("READY"),
    DEPLOYED_NOT_READY("DEPLOYED_NOT_READY"),
    DEPLOYING("DEPLOYING"),
    MISSING("MISSING"),
    ERROR("ERROR");

    private final String spelling;

    JobManagerDeploymentStatus(String spelling) {
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
