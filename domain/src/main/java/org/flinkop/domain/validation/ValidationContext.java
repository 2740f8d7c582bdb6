package org.flinkop.domain.validation;

import io.vavr.control.Option;
import java.util.Map;
import org.flinkop.domain.resource.FlinkResource;

/**
 * What the validator knows besides the candidate resource.
 *
 * @param live                        the stored resource with the same name, whose last reconciled spec some rules
 *                                    compare against (a cluster's type and mode are fixed once deployed)
 * @param sessionClusterConfiguration for a session job, the Flink configuration of its session cluster when known;
 *                                    checkpoint and savepoint directories may be set there
 * @param plainHttpJarsAllowed        whether {@code http://} jar URIs are accepted (they are not by default)
 */
public record ValidationContext(
        Option<FlinkResource> live,
        Option<Map<String, String>> sessionClusterConfiguration,
        boolean plainHttpJarsAllowed) {

    /** A resource seen for the first time, with nothing else known. */
    public static ValidationContext firstSight() {
        return new ValidationContext(Option.none(), Option.none(), false);
    }

    public ValidationContext withLive(FlinkResource resource) {
        return new ValidationContext(Option.of(resource), sessionClusterConfiguration, plainHttpJarsAllowed);
    }

    public ValidationContext withSessionClusterConfiguration(Map<String, String> configuration) {
        return new ValidationContext(live, Option.of(Map.copyOf(configuration)), plainHttpJarsAllowed);
    }

    public ValidationContext allowingPlainHttpJars() {
        return new ValidationContext(live, sessionClusterConfiguration, true);
    }
}
