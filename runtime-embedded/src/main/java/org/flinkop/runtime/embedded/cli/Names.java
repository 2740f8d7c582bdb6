package org.flinkop.runtime.embedded.cli;

import io.vavr.control.Option;
import java.util.Locale;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;

/** Kind names as users type them on a command line, as kubectl accepts them for these resources. */
final class Names {

    static final String DEFAULT_NAMESPACE = "default";

    private Names() {
    }

    /** {@code flinkdeployment}, {@code flinkdeployments}, {@code flinkdep}, {@code FlinkDeployment}, ... */
    static Option<ResourceKind> kind(String typed) {
        return switch (typed.toLowerCase(Locale.ROOT)) {
            case "flinkdeployment", "flinkdeployments", "flinkdep", "deployment", "deployments" -> Option.of(ResourceKind.FLINK_DEPLOYMENT);
            case "flinksessionjob", "flinksessionjobs", "sessionjob", "sessionjobs" -> Option.of(ResourceKind.FLINK_SESSION_JOB);
            case "flinkstatesnapshot", "flinkstatesnapshots", "flinksnp", "snapshot", "snapshots" -> Option.of(ResourceKind.FLINK_STATE_SNAPSHOT);
            default -> Option.none();
        };
    }

    /** {@code flinkdeployment/basic-example}. */
    static String of(ResourceKey key) {
        return key.kind().spelling().toLowerCase(Locale.ROOT) + "/" + key.name();
    }

    /** A key from {@code KIND/NAME} or a bare {@code NAME} (a FlinkDeployment, then a session job, then a snapshot). */
    static String namespaceOr(String namespace) {
        return namespace == null ? DEFAULT_NAMESPACE : namespace;
    }
}
