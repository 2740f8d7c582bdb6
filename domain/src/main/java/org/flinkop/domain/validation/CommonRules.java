package org.flinkop.domain.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.flinkop.domain.config.FlinkDuration;
import org.flinkop.domain.config.FlinkOptions;
import org.flinkop.domain.config.MemorySize;
import org.flinkop.domain.config.Quantity;
import org.flinkop.domain.resource.JobSpec;
import org.flinkop.domain.resource.ObjectMeta;
import org.flinkop.domain.resource.Resource;
import org.flinkop.domain.resource.UpgradeMode;

/** Rules shared by the kinds: names, resources, configuration values, and the job. */
final class CommonRules {

    static final int MAX_PARALLELISM = 32768;
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1123_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private CommonRules() {
    }

    /**
     * A FlinkDeployment's name becomes the cluster id and the prefix of its Services, so it must be a DNS-1035
     * label short enough for the suffixes Flink adds (45 characters, as the Apache operator allows).
     */
    static void clusterName(Checks checks, ObjectMeta meta) {
        if (checks.require("metadata.name", meta.name(), "a lower-case DNS-1035 label")) {
            String name = meta.name();
            if (!DNS_1035_LABEL.matcher(name).matches() || name.length() > 45) {
                checks.add("metadata.name", Reason.INVALID_NAME, "'" + name + "' is not a valid cluster name",
                        "lower-case letters, digits and '-', starting with a letter, ending with a letter or digit, at most 45 characters");
            }
        }
        namespace(checks, meta);
    }

    static void objectName(Checks checks, ObjectMeta meta) {
        if (checks.require("metadata.name", meta.name(), "a lower-case DNS-1123 subdomain")) {
            String name = meta.name();
            if (!DNS_1123_SUBDOMAIN.matcher(name).matches() || name.length() > 253) {
                checks.add("metadata.name", Reason.INVALID_NAME, "'" + name + "' is not a valid Kubernetes name",
                        "lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters");
            }
        }
        namespace(checks, meta);
    }

    private static void namespace(Checks checks, ObjectMeta meta) {
        String namespace = meta.namespace();
        if (namespace != null && (!DNS_1123_LABEL.matcher(namespace).matches() || namespace.length() > 63)) {
            checks.add("metadata.namespace", Reason.INVALID_NAME, "'" + namespace + "' is not a valid namespace",
                    "lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters");
        }
    }

    static void resource(Checks checks, String path, Resource resource) {
        if (resource == null) {
            return;
        }
        if (resource.cpu() != null && !(resource.cpu() > 0 && Double.isFinite(resource.cpu()))) {
            checks.add(path + ".cpu", Reason.INVALID_CPU, "must be more than 0 cores, was " + resource.cpu(), "a positive number such as 0.5, 1 or 2");
        }
        if (resource.memory() != null && MemorySize.parseBytes(resource.memory()).isEmpty()) {
            checks.add(path + ".memory", Reason.INVALID_MEMORY, "'" + resource.memory() + "' is not a positive memory size",
                    "a Flink size such as 2048m or 2g, or a Kubernetes quantity such as 2Gi");
        }
        if (resource.ephemeralStorage() != null && Quantity.parse(resource.ephemeralStorage()).filter(q -> q.signum() > 0).isEmpty()) {
            checks.add(path + ".ephemeralStorage", Reason.INVALID_QUANTITY, "'" + resource.ephemeralStorage() + "' is not a positive quantity",
                    "a Kubernetes quantity such as 10Gi or 500M");
        }
    }

    static void range(Checks checks, String path, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            checks.add(path, Reason.OUT_OF_RANGE, "must be between " + min + " and " + max + ", was " + value, min + " to " + max);
        }
    }

    /** Values of configuration keys whose syntax the operator itself depends on. */
    static void configurationValues(Checks checks, String path, Map<String, String> configuration) {
        for (String key : FlinkOptions.DURATIONS) {
            String value = configuration.get(key);
            if (value == null) {
                continue;
            }
            boolean cronAllowed = FlinkOptions.PERIODIC_INTERVALS.contains(key);
            if (FlinkDuration.parse(value).isEmpty() && !(cronAllowed && FlinkOptions.isCron(value))) {
                checks.add(path + "[" + key + "]", Reason.INVALID_DURATION, "'" + value + "' is not a duration",
                        FlinkDuration.syntax() + (cronAllowed ? ", or a Quartz cron expression such as '0 0 * * * ?'" : ""));
            }
        }
        for (String key : FlinkOptions.POSITIVE_INTEGERS) {
            String value = configuration.get(key);
            if (value != null && FlinkOptions.positiveInteger(value).isEmpty()) {
                checks.add(path + "[" + key + "]", Reason.INVALID_CONFIGURATION, "'" + value + "' is not a positive whole number", "1 or more");
            }
        }
        for (String key : FlinkOptions.BOOLEANS) {
            String value = configuration.get(key);
            if (value != null && !value.trim().equalsIgnoreCase("true") && !value.trim().equalsIgnoreCase("false")) {
                checks.add(path + "[" + key + "]", Reason.INVALID_CONFIGURATION, "'" + value + "' is not a boolean", "true or false");
            }
        }
    }


    /**
     * The job: its jar, parallelism, and the directories its upgrade mode and snapshots need.
     *
     * @param configuration      the effective Flink configuration, or {@code null} when it cannot be known here
     */
    static void job(Checks checks, String path, JobSpec job, Map<String, String> configuration, boolean jarRequired, boolean plainHttp) {
        if (job.jarURI() == null || job.jarURI().isBlank()) {
            if (jarRequired) {
                checks.add(path + ".jarURI", Reason.MISSING_FIELD, "is required", "a local://, file:// or https:// URI of the job jar");
            }
        } else {
            jarUri(checks, path + ".jarURI", job.jarURI(), plainHttp);
        }
        range(checks, path + ".parallelism", job.parallelism(), 1, MAX_PARALLELISM);
        uri(checks, path + ".initialSavepointPath", job.initialSavepointPath());
        if (configuration == null) {
            return;
        }
        UpgradeMode mode = job.effectiveUpgradeMode();
        if (mode != UpgradeMode.STATELESS && FlinkOptions.first(configuration, FlinkOptions.CHECKPOINT_DIR).isEmpty()) {
            checks.add(path + ".upgradeMode", Reason.CHECKPOINT_DIR_MISSING,
                    "upgradeMode " + mode.spelling() + " keeps state in checkpoints, but no checkpoint directory is configured",
                    "set flinkConfiguration " + String.join(" or ", FlinkOptions.CHECKPOINT_DIR) + ", or use upgradeMode stateless");
        }
        if (FlinkOptions.first(configuration, FlinkOptions.SAVEPOINT_DIR).isEmpty()) {
            String need = mode == UpgradeMode.SAVEPOINT ? "upgradeMode savepoint"
                    : FlinkOptions.periodicEnabled(configuration, FlinkOptions.PERIODIC_SAVEPOINT_INTERVAL) ? "periodic savepoints (" + FlinkOptions.PERIODIC_SAVEPOINT_INTERVAL + ")"
                    : job.savepointTriggerNonce() != null ? "savepointTriggerNonce" : null;
            if (need != null) {
                checks.add(path + (mode == UpgradeMode.SAVEPOINT ? ".upgradeMode" : ""), Reason.SAVEPOINT_DIR_MISSING,
                        need + " writes savepoints, but no savepoint directory is configured",
                        "set flinkConfiguration " + String.join(" or ", FlinkOptions.SAVEPOINT_DIR));
            }
        }
    }

    private static final Set<String> JAR_SCHEMES = Set.of("local", "file", "https");

    private static void jarUri(Checks checks, String path, String jarUri, boolean plainHttp) {
        String allowed = plainHttp ? "local://, file://, https:// or http://" : "local://, file:// or https:// (http:// only when the operator allows it)";
        URI uri;
        try {
            uri = new URI(jarUri.trim());
        } catch (URISyntaxException e) {
            checks.add(path, Reason.INVALID_URI, "'" + jarUri + "' is not a URI: " + e.getReason(), allowed);
            return;
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            checks.add(path, Reason.JAR_URI_SCHEME_NOT_ALLOWED, "'" + jarUri + "' has no scheme", allowed);
        } else if (!JAR_SCHEMES.contains(scheme) && !(plainHttp && scheme.equals("http"))) {
            checks.add(path, Reason.JAR_URI_SCHEME_NOT_ALLOWED, "scheme '" + scheme + "' is not allowed", allowed);
        } else if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() == null) {
            checks.add(path, Reason.INVALID_URI, "'" + jarUri + "' names no host", "a URI such as https://host/path/job.jar");
        }
    }

    private static void uri(Checks checks, String path, String value) {
        if (value == null) {
            return;
        }
        try {
            new URI(value.trim());
        } catch (URISyntaxException e) {
            checks.add(path, Reason.INVALID_URI, "'" + value + "' is not a URI: " + e.getReason(), "a path or URI such as file:///flink-data/savepoints/savepoint-1");
        }
    }
}
