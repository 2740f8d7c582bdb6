package org.flinkop.runtime.operator.config;

import java.util.List;
import java.util.Locale;
import org.flinkop.domain.config.FlinkOptions;

/**
 * The operator's configuration keys. Where the Apache Flink Kubernetes Operator has a key for the same thing, this
 * operator reads that key ({@code kubernetes.operator.*}); settings of its own are {@code flinkop.*}; the jar
 * fetcher's are {@code artifacts.*}. Each key can also be set by an environment variable: the key in capitals with
 * every other character an underscore ({@link #environmentVariable}).
 */
public final class OperatorKeys {

    public static final String WATCHED_NAMESPACES = "kubernetes.operator.watched.namespaces";
    public static final String LABEL_SELECTOR = "kubernetes.operator.label.selector";
    public static final String RECONCILE_PARALLELISM = "kubernetes.operator.reconcile.parallelism";
    public static final String PROGRESS_CHECK_INTERVAL = "kubernetes.operator.observer.progress-check.interval";
    public static final String RETRY_INITIAL_INTERVAL = "kubernetes.operator.retry.initial.interval";
    public static final String FLINK_CLIENT_TIMEOUT = "kubernetes.operator.flink.client.timeout";
    public static final String HEALTH_PROBE_PORT = "kubernetes.operator.health.probe.port";
    public static final String LEADER_ELECTION_ENABLED = "kubernetes.operator.leader-election.enabled";
    public static final String LEADER_ELECTION_LEASE_NAME = "kubernetes.operator.leader-election.lease-name";
    public static final String LEADER_ELECTION_LEASE_DURATION = "kubernetes.operator.leader-election.lease-duration";
    public static final String LEADER_ELECTION_RENEW_DEADLINE = "kubernetes.operator.leader-election.renew-deadline";
    public static final String LEADER_ELECTION_RETRY_PERIOD = "kubernetes.operator.leader-election.retry-period";

    public static final String HTTP_ADDRESS = "flinkop.http.address";
    public static final String RETRY_MAX_INTERVAL = "flinkop.retry.max.interval";
    public static final String RECONCILE_JITTER = "flinkop.reconcile.jitter";
    public static final String DEPLOYING_RECHECK = "flinkop.deploying.recheck-interval";
    public static final String SHUTDOWN_TIMEOUT = "flinkop.shutdown.timeout";
    public static final String INFORMER_RESYNC = "flinkop.informer.resync";
    public static final String INFORMER_SYNC_TIMEOUT = "flinkop.informer.sync-timeout";
    public static final String KUBERNETES_REQUEST_TIMEOUT = "flinkop.kubernetes.request-timeout";
    public static final String FLINK_CLIENT_RETRIES = "flinkop.flink.client.retries";
    public static final String EVENTS_WINDOW = "flinkop.events.window";
    public static final String EVENTS_BURST = "flinkop.events.burst";
    public static final String EVENTS_REFILL = "flinkop.events.refill";
    public static final String LOG_LEVEL = "flinkop.log.level";

    public static final String WEBHOOK_ENABLED = "flinkop.webhook.enabled";
    public static final String WEBHOOK_PORT = "flinkop.webhook.server.port";
    public static final String WEBHOOK_NAMESPACE = "flinkop.webhook.namespace";
    public static final String WEBHOOK_SERVICE = "flinkop.webhook.service.name";
    public static final String WEBHOOK_SECRET = "flinkop.webhook.secret.name";
    public static final String WEBHOOK_CONFIGURATION = "flinkop.webhook.configuration.name";
    public static final String WEBHOOK_IP_ADDRESSES = "flinkop.webhook.certificate.ip-addresses";
    public static final String WEBHOOK_VALIDITY = "flinkop.webhook.certificate.validity";
    public static final String WEBHOOK_CA_VALIDITY = "flinkop.webhook.certificate.ca-validity";
    public static final String WEBHOOK_RENEW_BEFORE = "flinkop.webhook.certificate.renew-before";
    public static final String WEBHOOK_CHECK_INTERVAL = "flinkop.webhook.certificate.check-interval";

    public static final String ARTIFACTS_PREFIX = "artifacts.";
    public static final String ARTIFACTS_CACHE_DIR = "artifacts.cache-dir";
    public static final String FLINKOP_PREFIX = "flinkop.";
    public static final String OPERATOR_PREFIX = "kubernetes.operator.";

    /** The keys of this operator's own runtime. */
    public static final List<String> RUNTIME = List.of(WATCHED_NAMESPACES, LABEL_SELECTOR, RECONCILE_PARALLELISM, PROGRESS_CHECK_INTERVAL,
            RETRY_INITIAL_INTERVAL, FLINK_CLIENT_TIMEOUT, HEALTH_PROBE_PORT, HTTP_ADDRESS, RETRY_MAX_INTERVAL, RECONCILE_JITTER, DEPLOYING_RECHECK, SHUTDOWN_TIMEOUT,
            INFORMER_RESYNC, INFORMER_SYNC_TIMEOUT, KUBERNETES_REQUEST_TIMEOUT, FLINK_CLIENT_RETRIES, EVENTS_WINDOW, EVENTS_BURST, EVENTS_REFILL,
            LOG_LEVEL, LEADER_ELECTION_ENABLED, LEADER_ELECTION_LEASE_NAME, LEADER_ELECTION_LEASE_DURATION, LEADER_ELECTION_RENEW_DEADLINE,
            LEADER_ELECTION_RETRY_PERIOD, WEBHOOK_ENABLED, WEBHOOK_PORT, WEBHOOK_NAMESPACE, WEBHOOK_SERVICE, WEBHOOK_SECRET, WEBHOOK_CONFIGURATION,
            WEBHOOK_IP_ADDRESSES, WEBHOOK_VALIDITY, WEBHOOK_CA_VALIDITY, WEBHOOK_RENEW_BEFORE, WEBHOOK_CHECK_INTERVAL);

    /** The {@code kubernetes.operator.*} keys the decisions read, whose operator-wide defaults are set here and overridden per resource. */
    public static final List<String> DECISION_DURATIONS = List.of(FlinkOptions.RECONCILE_INTERVAL, FlinkOptions.LAST_STATE_MAX_CHECKPOINT_AGE,
            FlinkOptions.READINESS_TIMEOUT, FlinkOptions.CLEANUP_TIMEOUT, FlinkOptions.HEALTH_RESTARTS_WINDOW, FlinkOptions.HEALTH_CHECKPOINT_WINDOW);
    public static final List<String> DECISION_BOOLEANS = List.of(FlinkOptions.JOB_RESTART_FAILED, FlinkOptions.JM_RECOVERY, FlinkOptions.HEALTH_CHECK,
            FlinkOptions.HEALTH_CHECKPOINT_PROGRESS, FlinkOptions.ROLLBACK_ENABLED);
    public static final List<String> DECISION_INTEGERS = List.of(FlinkOptions.HEALTH_RESTARTS_THRESHOLD);

    /** Keys a resource sets in its own flinkConfiguration; as operator-wide defaults they are not applied. */
    public static final List<String> PER_RESOURCE = List.of(FlinkOptions.PERIODIC_SAVEPOINT_INTERVAL, FlinkOptions.PERIODIC_CHECKPOINT_INTERVAL,
            FlinkOptions.SAVEPOINT_HISTORY_MAX_AGE, FlinkOptions.SAVEPOINT_HISTORY_MAX_COUNT);

    /** The jar fetcher's keys (see {@code ArtifactSettings}). */
    public static final List<String> ARTIFACTS = List.of(ARTIFACTS_CACHE_DIR, "artifacts.max-bytes", "artifacts.connect-timeout", "artifacts.read-timeout",
            "artifacts.fetch-timeout", "artifacts.max-redirects", "artifacts.allow-http", "artifacts.trust-store", "artifacts.trust-store-type",
            "artifacts.trust-store-password", "artifacts.allow-loopback-addresses", "artifacts.allow-private-addresses",
            "artifacts.allow-link-local-addresses", "artifacts.allow-metadata-addresses");

    private OperatorKeys() {
    }

    /** Every key an environment variable can set. */
    public static List<String> all() {
        return java.util.stream.Stream.of(RUNTIME, DECISION_DURATIONS, DECISION_BOOLEANS, DECISION_INTEGERS, ARTIFACTS)
                .flatMap(List::stream).toList();
    }

    /** {@code kubernetes.operator.reconcile.interval} is set by {@code KUBERNETES_OPERATOR_RECONCILE_INTERVAL}. */
    public static String environmentVariable(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
