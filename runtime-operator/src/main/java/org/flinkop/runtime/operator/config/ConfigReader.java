package org.flinkop.runtime.operator.config;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.flinkop.adapters.flink.rest.FlinkRestSettings;
import org.flinkop.adapters.flink.rest.artifact.ArtifactSettings;
import org.flinkop.adapters.kubernetes.store.KubernetesStoreSettings;
import org.flinkop.domain.config.FlinkDuration;
import org.flinkop.domain.config.FlinkOptions;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.ports.loop.ControlLoop;
import org.flinkop.runtime.operator.leader.LeaderElectionSettings;
import org.flinkop.runtime.operator.logging.LogLevel;
import org.flinkop.runtime.operator.webhook.WebhookSettings;

/**
 * Reads the operator's configuration from the file's keys and the environment (an environment variable wins over
 * the file), checks every value, and reports every bad one at once: each message names the key (and the
 * environment variable it came from), the value (masked when the key holds a secret) and what is allowed.
 */
public final class ConfigReader {

    /** The namespace list that means "every namespace", as the Apache operator spells it. */
    public static final String ALL_NAMESPACES = "JOSDK_ALL_NAMESPACES";

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    /** A value and where it came from. */
    private record Sourced(String value, String origin) {
    }

    private final Map<String, Sourced> values;
    private final Path defaultArtifactsCache;
    private final String podName;
    private List<String> errors = List.empty();
    private List<String> warnings = List.empty();

    private ConfigReader(Map<String, Sourced> values, Path defaultArtifactsCache, String podName) {
        this.values = values;
        this.defaultArtifactsCache = defaultArtifactsCache;
        this.podName = podName;
    }

    /**
     * @param file                  the configuration file's keys (empty without a file)
     * @param environment           the process environment ({@code POD_NAME}, else {@code HOSTNAME}, names the leader election's candidate)
     * @param defaultArtifactsCache where fetched jars go unless {@code artifacts.cache-dir} says otherwise
     */
    public static Either<List<String>, OperatorConfig> read(Map<String, String> file, Map<String, String> environment, Path defaultArtifactsCache) {
        Map<String, Sourced> merged = new LinkedHashMap<>();
        file.forEach((key, value) -> merged.put(key, new Sourced(value, null)));
        for (String key : OperatorKeys.all()) {
            String variable = OperatorKeys.environmentVariable(key);
            String value = environment.get(variable);
            if (value != null) {
                merged.put(key, new Sourced(value.trim(), "environment variable " + variable));
            }
        }
        String podName = java.util.stream.Stream.of(environment.get("POD_NAME"), environment.get("HOSTNAME")).filter(n -> n != null && !n.isBlank())
                .map(String::trim).findFirst().orElse("flinkop-operator");
        return new ConfigReader(merged, defaultArtifactsCache, podName).read();
    }

    private Either<List<String>, OperatorConfig> read() {
        checkKeys();
        Set<String> namespaces = namespaces();
        Map<String, String> labels = labelSelector();
        int parallelism = integer(OperatorKeys.RECONCILE_PARALLELISM, 16, 1, 1024);
        Duration firstBackoff = duration(OperatorKeys.RETRY_INITIAL_INTERVAL, Duration.ofSeconds(1), false);
        Duration maxBackoff = duration(OperatorKeys.RETRY_MAX_INTERVAL, Duration.ofMinutes(5), false);
        if (maxBackoff.compareTo(firstBackoff) < 0) {
            error(OperatorKeys.RETRY_MAX_INTERVAL, "is shorter than " + OperatorKeys.RETRY_INITIAL_INTERVAL + " (" + firstBackoff + ")",
                    "a duration at least as long as the first retry interval");
        }
        double jitter = fraction(OperatorKeys.RECONCILE_JITTER, 0.1);
        Duration deployingRecheck = duration(OperatorKeys.DEPLOYING_RECHECK, Duration.ofSeconds(60), true);
        KubernetesStoreSettings store = storeSettings(namespaces, labels);
        OperatorSettings decisions = decisions();
        FlinkRestSettings rest = new FlinkRestSettings(duration(OperatorKeys.FLINK_CLIENT_TIMEOUT, FlinkRestSettings.defaults().requestTimeout(), false),
                integer(OperatorKeys.FLINK_CLIENT_RETRIES, FlinkRestSettings.defaults().retries(), 0, 10));
        ArtifactSettings artifacts = artifacts();
        OperatorConfig.Http http = new OperatorConfig.Http(address(), integer(OperatorKeys.HEALTH_PROBE_PORT, 8085, 0, 65535));
        Duration shutdown = duration(OperatorKeys.SHUTDOWN_TIMEOUT, Duration.ofSeconds(30), false);
        Duration requestTimeout = duration(OperatorKeys.KUBERNETES_REQUEST_TIMEOUT, Duration.ofSeconds(10), false);
        LogLevel level = logLevel();
        LeaderElectionSettings leaderElection = leaderElection();
        WebhookSettings webhook = webhook();
        if (!errors.isEmpty()) {
            return Either.left(errors);
        }
        return Either.right(new OperatorConfig(store, new ControlLoop.Settings(parallelism, firstBackoff, maxBackoff), jitter, deployingRecheck, decisions, rest, artifacts,
                http, shutdown, requestTimeout, level, leaderElection, warnings.toJavaList(), webhook));
    }

    /** Refuses keys nobody reads (typos) under this operator's own prefix and outside the known prefixes; warns about unused Apache keys. */
    private void checkKeys() {
        for (String key : values.keySet().stream().sorted().toList()) {
            if (key.startsWith(OperatorKeys.FLINKOP_PREFIX) && !OperatorKeys.RUNTIME.contains(key)) {
                errors = errors.append(key + ": unknown setting (allowed: " + List.ofAll(OperatorKeys.RUNTIME).filter(k -> k.startsWith(OperatorKeys.FLINKOP_PREFIX))
                        .mkString(", ") + ")");
            } else if (key.startsWith(OperatorKeys.OPERATOR_PREFIX) && !known(key)) {
                warnings = warnings.append(OperatorKeys.PER_RESOURCE.contains(key)
                        ? key + " is read from each resource's flinkConfiguration; as an operator-wide default it is not applied"
                        : key + " is not used by this operator; ignored");
            } else if (!key.startsWith(OperatorKeys.OPERATOR_PREFIX) && !key.startsWith(OperatorKeys.FLINKOP_PREFIX)
                    && !key.startsWith(OperatorKeys.ARTIFACTS_PREFIX)) {
                errors = errors.append(key + ": unknown setting (allowed: keys under kubernetes.operator., flinkop. or artifacts.;"
                        + " Flink settings belong in each resource's flinkConfiguration)");
            }
        }
    }

    private static boolean known(String key) {
        return OperatorKeys.all().contains(key);
    }

    private Set<String> namespaces() {
        Sourced raw = values.get(OperatorKeys.WATCHED_NAMESPACES);
        Set<String> namespaces = new LinkedHashSet<>();
        if (raw == null || raw.value().isBlank() || raw.value().trim().equals(ALL_NAMESPACES)) {
            return namespaces;
        }
        for (String part : raw.value().split(",")) {
            String namespace = part.trim();
            if (namespace.isEmpty()) {
                continue;
            }
            if (namespace.length() > 63 || !DNS_LABEL.matcher(namespace).matches()) {
                error(OperatorKeys.WATCHED_NAMESPACES, "names '" + namespace + "', which is not a namespace name",
                        "namespace names separated by commas (lower-case letters, digits and '-', at most 63), or empty or "
                                + ALL_NAMESPACES + " for every namespace");
            } else {
                namespaces.add(namespace);
            }
        }
        return namespaces;
    }

    private Map<String, String> labelSelector() {
        Sourced raw = values.get(OperatorKeys.LABEL_SELECTOR);
        Map<String, String> labels = new LinkedHashMap<>();
        if (raw == null || raw.value().isBlank()) {
            return labels;
        }
        String allowed = "label requirements key=value separated by commas (only equality is supported), such as app=flink,team=data";
        for (String part : raw.value().split(",")) {
            String requirement = part.trim();
            int at = requirement.indexOf('=');
            String key = at < 0 ? requirement : requirement.substring(0, at).trim();
            String value = at < 0 ? null : requirement.substring(at + 1).replaceFirst("^=", "").trim();
            if (value == null || key.endsWith("!") || !labelKey(key) || value.length() > 63 || !LABEL_NAME.matcher(value).matches()) {
                error(OperatorKeys.LABEL_SELECTOR, "holds '" + requirement + "'", allowed);
            } else {
                labels.put(key, value);
            }
        }
        return labels;
    }

    private static boolean labelKey(String key) {
        int slash = key.indexOf('/');
        String prefix = slash < 0 ? null : key.substring(0, slash);
        String name = slash < 0 ? key : key.substring(slash + 1);
        boolean prefixOk = prefix == null || prefix.length() <= 253 && DNS_SUBDOMAIN.matcher(prefix).matches();
        return prefixOk && !name.isEmpty() && name.length() <= 63 && LABEL_NAME.matcher(name).matches();
    }

    private KubernetesStoreSettings storeSettings(Set<String> namespaces, Map<String, String> labels) {
        KubernetesStoreSettings defaults = KubernetesStoreSettings.defaults();
        Duration resync = duration(OperatorKeys.INFORMER_RESYNC, defaults.resync(), true);
        Duration syncTimeout = duration(OperatorKeys.INFORMER_SYNC_TIMEOUT, defaults.syncTimeout(), false);
        Duration window = duration(OperatorKeys.EVENTS_WINDOW, defaults.eventWindow(), false);
        int burst = integer(OperatorKeys.EVENTS_BURST, defaults.eventBurst(), 1, 1000);
        Duration refill = duration(OperatorKeys.EVENTS_REFILL, defaults.eventRefill(), false);
        return new KubernetesStoreSettings(namespaces, labels, resync, syncTimeout, defaults.component(), window, burst, refill);
    }

    private OperatorSettings decisions() {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String key : OperatorKeys.DECISION_DURATIONS) {
            value(key, "a positive duration, " + FlinkDuration.syntax(), text -> FlinkDuration.parse(text).filter(d -> !d.isZero()))
                    .forEach(d -> overrides.put(key, values.get(key).value()));
        }
        for (String key : OperatorKeys.DECISION_BOOLEANS) {
            value(key, "true or false", ConfigReader::bool).forEach(b -> overrides.put(key, b.toString()));
        }
        for (String key : OperatorKeys.DECISION_INTEGERS) {
            value(key, "a whole number of 1 or more", FlinkOptions::positiveInteger).forEach(i -> overrides.put(key, i.toString()));
        }
        OperatorSettings defaults = OperatorSettings.defaults();
        Duration progress = duration(OperatorKeys.PROGRESS_CHECK_INTERVAL, defaults.progressInterval(), false);
        return defaults.overriddenBy(overrides).withProgressInterval(progress);
    }

    private ArtifactSettings artifacts() {
        Map<String, String> artifactValues = new LinkedHashMap<>();
        artifactValues.put(OperatorKeys.ARTIFACTS_CACHE_DIR, defaultArtifactsCache.toString());
        values.forEach((key, sourced) -> {
            if (key.startsWith(OperatorKeys.ARTIFACTS_PREFIX)) {
                artifactValues.put(key, sourced.value());
            }
        });
        Either<List<String>, ArtifactSettings> read = ArtifactSettings.fromConfiguration(artifactValues);
        if (read.isLeft()) {
            // the fetcher's own messages name the key; secrets among these values are the trust store password only, which it never shows
            errors = errors.appendAll(read.getLeft());
            return ArtifactSettings.defaults(defaultArtifactsCache);
        }
        return read.get();
    }

    private LeaderElectionSettings leaderElection() {
        boolean enabled = value(OperatorKeys.LEADER_ELECTION_ENABLED, "true or false", ConfigReader::bool).getOrElse(false);
        Duration lease = duration(OperatorKeys.LEADER_ELECTION_LEASE_DURATION, LeaderElectionSettings.DEFAULT_LEASE_DURATION, false);
        Duration renew = duration(OperatorKeys.LEADER_ELECTION_RENEW_DEADLINE, LeaderElectionSettings.DEFAULT_RENEW_DEADLINE, false);
        Duration retry = duration(OperatorKeys.LEADER_ELECTION_RETRY_PERIOD, LeaderElectionSettings.DEFAULT_RETRY_PERIOD, false);
        String name = value(OperatorKeys.LEADER_ELECTION_LEASE_NAME, "the name of a Lease: lower-case letters, digits, '-' and '.', at most 253",
                text -> text.trim().length() <= 253 && DNS_SUBDOMAIN.matcher(text.trim()).matches() ? Option.some(text.trim()) : Option.none()).getOrNull();
        if (!enabled) {
            return LeaderElectionSettings.disabled();
        }
        if (name == null && !values.containsKey(OperatorKeys.LEADER_ELECTION_LEASE_NAME)) {
            error(OperatorKeys.LEADER_ELECTION_LEASE_NAME, "is required when " + OperatorKeys.LEADER_ELECTION_ENABLED + " is true",
                    "the name of the Lease the operators of this installation share, such as flinkop-leader");
        }
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            error(OperatorKeys.LEADER_ELECTION_LEASE_DURATION, "is " + shown(lease) + ", shorter than a second", "at least 1 s (a Lease counts whole seconds)");
        }
        if (renew.compareTo(lease) >= 0) {
            error(OperatorKeys.LEADER_ELECTION_RENEW_DEADLINE, "is " + shown(renew) + ", not shorter than " + OperatorKeys.LEADER_ELECTION_LEASE_DURATION + " (" + shown(lease)
                    + ")", "a duration shorter than the lease duration, so that a leader stops acting before another can take the Lease");
        } else if (retry.compareTo(renew) >= 0) {
            error(OperatorKeys.LEADER_ELECTION_RETRY_PERIOD, "is " + shown(retry) + ", not shorter than " + OperatorKeys.LEADER_ELECTION_RENEW_DEADLINE + " (" + shown(renew)
                    + ")", "a duration shorter than the renew deadline, so that the leader tries to renew more than once before it gives up");
        }
        return name == null ? LeaderElectionSettings.disabled() : new LeaderElectionSettings(true, name, lease, renew, retry, podName);
    }

    private static String shown(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private String address() {
        return value(OperatorKeys.HTTP_ADDRESS, "an IP address to listen on, such as 0.0.0.0 (every interface) or 127.0.0.1",
                text -> IPV4.matcher(text.trim()).matches() || text.trim().equals("::") || text.trim().equals("::1") ? Option.some(text.trim()) : Option.none())
                .getOrElse("0.0.0.0");
    }

    private WebhookSettings webhook() {
        WebhookSettings defaults = WebhookSettings.defaults();
        String dnsLabel = "a DNS label (lower-case letters, digits and '-', at most 63)";
        String dnsName = "a DNS subdomain (lower-case letters, digits, '-' and '.', at most 253)";
        Function<String, Option<String>> label = text -> text.trim().length() <= 63 && DNS_LABEL.matcher(text.trim()).matches() ? Option.some(text.trim()) : Option.none();
        Function<String, Option<String>> subdomain = text -> text.trim().length() <= 253 && DNS_SUBDOMAIN.matcher(text.trim()).matches()
                ? Option.some(text.trim()) : Option.none();
        java.util.List<String> ips = value(OperatorKeys.WEBHOOK_IP_ADDRESSES, "IPv4 addresses separated by commas, such as 127.0.0.1", text -> {
            java.util.List<String> parts = java.util.Arrays.stream(text.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
            return parts.stream().allMatch(p -> IPV4.matcher(p).matches()) ? Option.some(parts) : Option.none();
        }).getOrElse(defaults.ipAddresses());
        return new WebhookSettings(value(OperatorKeys.WEBHOOK_ENABLED, "true or false", ConfigReader::bool).getOrElse(defaults.enabled()),
                integer(OperatorKeys.WEBHOOK_PORT, defaults.port(), 0, 65535),
                value(OperatorKeys.WEBHOOK_NAMESPACE, dnsLabel, label).getOrElse(defaults.namespace()),
                value(OperatorKeys.WEBHOOK_SERVICE, dnsLabel, label).getOrElse(defaults.serviceName()),
                value(OperatorKeys.WEBHOOK_SECRET, dnsName, subdomain).getOrElse(defaults.secretName()),
                value(OperatorKeys.WEBHOOK_CONFIGURATION, dnsName, subdomain).getOrElse(defaults.configurationName()), ips,
                duration(OperatorKeys.WEBHOOK_VALIDITY, defaults.validity(), false), duration(OperatorKeys.WEBHOOK_CA_VALIDITY, defaults.authorityValidity(), false),
                duration(OperatorKeys.WEBHOOK_RENEW_BEFORE, defaults.renewBefore(), false),
                duration(OperatorKeys.WEBHOOK_CHECK_INTERVAL, defaults.checkInterval(), false));
    }

    private LogLevel logLevel() {
        return value(OperatorKeys.LOG_LEVEL, "one of TRACE, DEBUG, INFO, WARN, ERROR", text -> {
            try {
                return Option.some(LogLevel.valueOf(text.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Option.none();
            }
        }).getOrElse(LogLevel.INFO);
    }

    private Duration duration(String key, Duration fallback, boolean zeroAllowed) {
        String allowed = (zeroAllowed ? "zero (never) or a positive duration, " : "a positive duration, ") + FlinkDuration.syntax();
        return value(key, allowed, text -> FlinkDuration.parse(text).filter(d -> zeroAllowed || !d.isZero())).getOrElse(fallback);
    }

    private int integer(String key, int fallback, int min, int max) {
        return value(key, "a whole number from " + min + " to " + max, text -> {
            try {
                int parsed = Integer.parseInt(text.trim());
                return parsed >= min && parsed <= max ? Option.some(parsed) : Option.none();
            } catch (NumberFormatException e) {
                return Option.none();
            }
        }).getOrElse(fallback);
    }

    private double fraction(String key, double fallback) {
        return value(key, "a number from 0 to 0.5 (the share of a delay added at random)", text -> {
            try {
                double parsed = Double.parseDouble(text.trim());
                return parsed >= 0 && parsed <= 0.5 ? Option.some(parsed) : Option.none();
            } catch (NumberFormatException e) {
                return Option.none();
            }
        }).getOrElse(fallback);
    }

    private static Option<Boolean> bool(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Option.some(true);
            case "false" -> Option.some(false);
            default -> Option.none();
        };
    }

    /** The parsed value of {@code key}; none when it is not set, or when it is bad (then an error is recorded). */
    private <T> Option<T> value(String key, String allowed, Function<String, Option<T>> parse) {
        Sourced raw = values.get(key);
        if (raw == null) {
            return Option.none();
        }
        Option<T> parsed = raw.value().isBlank() ? Option.none() : parse.apply(raw.value());
        if (parsed.isEmpty()) {
            error(key, "'" + SensitiveKeys.shown(key, raw.value()) + "' is not valid", allowed);
        }
        return parsed;
    }

    private void error(String key, String problem, String allowed) {
        Sourced raw = values.get(key);
        String origin = raw == null || raw.origin() == null ? "" : " (" + raw.origin() + ")";
        errors = errors.append(key + origin + ": " + problem + " (allowed: " + allowed + ")");
    }
}
