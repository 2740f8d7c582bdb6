package org.flinkop.domain.resource;

import java.util.Map;

/** A job submitted to the session cluster of the FlinkDeployment named {@code deploymentName}. */
public record FlinkSessionJobSpec(
        String deploymentName,
        JobSpec job,
        Map<String, String> flinkConfiguration,
        Long restartNonce) {

    public FlinkSessionJobSpec {
        flinkConfiguration = Collections2.mapOrNull(flinkConfiguration);
    }

    /** The job's own Flink configuration, empty when unset. */
    public Map<String, String> configuration() {
        return flinkConfiguration == null ? Map.of() : flinkConfiguration;
    }
}
