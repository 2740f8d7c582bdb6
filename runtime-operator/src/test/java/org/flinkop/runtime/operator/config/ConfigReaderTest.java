package org.flinkop.runtime.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.flinkop.domain.config.FlinkOptions;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.runtime.operator.logging.LogLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigReaderTest {

    private static final Path CACHE = Path.of("target/artifacts");

    private static Either<List<String>, OperatorConfig> read(Map<String, String> file) {
        return ConfigReader.read(file, Map.of(), CACHE);
    }

    private static OperatorConfig valid(Map<String, String> file) {
        Either<List<String>, OperatorConfig> read = read(file);
        assertThat(read.isRight()).as("read: %s", read).isTrue();
        return read.get();
    }

    private static List<String> problems(Map<String, String> file, Map<String, String> environment) {
        Either<List<String>, OperatorConfig> read = ConfigReader.read(file, environment, CACHE);
        assertThat(read.isLeft()).as("refused: %s", read).isTrue();
        return read.getLeft();
    }

    @Test
    void nothing_set_gives_the_defaults() {
        OperatorConfig config = valid(Map.of());

        assertThat(config.namespaces()).as("every namespace").isEmpty();
        assertThat(config.labels()).isEmpty();
        assertThat(config.loop().parallelism()).isEqualTo(16);
        assertThat(config.loop().firstBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.loop().maxBackoff()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.decisions()).isEqualTo(OperatorSettings.defaults());
        assertThat(config.http()).isEqualTo(new OperatorConfig.Http("0.0.0.0", 8085));
        assertThat(config.artifacts().cacheDirectory()).isEqualTo(CACHE);
        assertThat(config.logLevel()).isEqualTo(LogLevel.INFO);
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void every_setting_is_read_from_its_key() {
        OperatorConfig config = valid(Map.ofEntries(
                Map.entry(OperatorKeys.WATCHED_NAMESPACES, "team-a, team-b"),
                Map.entry(OperatorKeys.LABEL_SELECTOR, "app.kubernetes.io/part-of=streaming,tier==gold"),
                Map.entry(OperatorKeys.RECONCILE_PARALLELISM, "12"),
                Map.entry(OperatorKeys.PROGRESS_CHECK_INTERVAL, "5 s"),
                Map.entry(OperatorKeys.RETRY_INITIAL_INTERVAL, "2 s"),
                Map.entry(OperatorKeys.RETRY_MAX_INTERVAL, "1 min"),
                Map.entry(OperatorKeys.RECONCILE_JITTER, "0.2"),
                Map.entry(OperatorKeys.FLINK_CLIENT_TIMEOUT, "30 s"),
                Map.entry(OperatorKeys.FLINK_CLIENT_RETRIES, "3"),
                Map.entry(OperatorKeys.HEALTH_PROBE_PORT, "9090"),
                Map.entry(OperatorKeys.HTTP_ADDRESS, "127.0.0.1"),
                Map.entry(OperatorKeys.SHUTDOWN_TIMEOUT, "20 s"),
                Map.entry(OperatorKeys.INFORMER_RESYNC, "0"),
                Map.entry(OperatorKeys.EVENTS_BURST, "10"),
                Map.entry(OperatorKeys.LOG_LEVEL, "debug"),
                Map.entry(FlinkOptions.RECONCILE_INTERVAL, "30 s"),
                Map.entry(FlinkOptions.ROLLBACK_ENABLED, "true"),
                Map.entry(FlinkOptions.HEALTH_RESTARTS_THRESHOLD, "5"),
                Map.entry("artifacts.allow-http", "true")));

        assertThat(config.namespaces()).containsExactlyInAnyOrder("team-a", "team-b");
        assertThat(config.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("app.kubernetes.io/part-of", "streaming", "tier", "gold"));
        assertThat(config.loop()).isEqualTo(new org.flinkop.ports.loop.ControlLoop.Settings(12, Duration.ofSeconds(2), Duration.ofMinutes(1)));
        assertThat(config.jitter()).isEqualTo(0.2);
        assertThat(config.decisions().progressInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.decisions().reconcileInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.decisions().rollback()).isTrue();
        assertThat(config.decisions().health().restartThreshold()).isEqualTo(5);
        assertThat(config.flinkRest().requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.flinkRest().retries()).isEqualTo(3);
        assertThat(config.http()).isEqualTo(new OperatorConfig.Http("127.0.0.1", 9090));
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.store().resync()).isZero();
        assertThat(config.store().eventBurst()).isEqualTo(10);
        assertThat(config.logLevel()).isEqualTo(LogLevel.DEBUG);
        assertThat(config.artifacts().plainHttpAllowed()).isTrue();
    }

    @Test
    void an_environment_variable_wins_over_the_file_and_is_named_when_bad() {
        OperatorConfig config = ConfigReader.read(Map.of(OperatorKeys.RECONCILE_PARALLELISM, "4"),
                Map.of("KUBERNETES_OPERATOR_RECONCILE_PARALLELISM", "16", "KUBERNETES_OPERATOR_WATCHED_NAMESPACES", "flinkop"), CACHE).get();
        assertThat(config.loop().parallelism()).isEqualTo(16);
        assertThat(config.namespaces()).containsExactly("flinkop");

        assertThat(problems(Map.of(), Map.of("KUBERNETES_OPERATOR_RECONCILE_PARALLELISM", "0"))).containsExactly(
                "kubernetes.operator.reconcile.parallelism (environment variable KUBERNETES_OPERATOR_RECONCILE_PARALLELISM): '0' is not valid"
                        + " (allowed: a whole number from 1 to 1024)");
    }

    @Test
    void every_namespace_is_spelled_as_the_apache_operator_spells_it_too() {
        assertThat(valid(Map.of(OperatorKeys.WATCHED_NAMESPACES, ConfigReader.ALL_NAMESPACES)).namespaces()).isEmpty();
        assertThat(valid(Map.of(OperatorKeys.WATCHED_NAMESPACES, "")).namespaces()).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "kubernetes.operator.reconcile.parallelism|0|a whole number from 1 to 1024",
            "kubernetes.operator.reconcile.parallelism|lots|a whole number from 1 to 1024",
            "kubernetes.operator.reconcile.interval|0 s|a positive duration",
            "kubernetes.operator.observer.progress-check.interval|fast|a positive duration",
            "kubernetes.operator.retry.initial.interval|-1 s|a positive duration",
            "kubernetes.operator.flink.client.timeout|10 parsecs|a positive duration",
            "kubernetes.operator.health.probe.port|65536|a whole number from 0 to 65535",
            "kubernetes.operator.deployment.rollback.enabled|yes|true or false",
            "kubernetes.operator.cluster.health-check.restarts.threshold|0|a whole number of 1 or more",
            "kubernetes.operator.job.upgrade.last-state.max.allowed.checkpoint.age|old|a positive duration",
            "flinkop.http.address|localhost|an IP address to listen on",
            "flinkop.reconcile.jitter|0.9|a number from 0 to 0.5",
            "flinkop.informer.resync|-5 s|zero (never) or a positive duration",
            "flinkop.events.burst|0|a whole number from 1 to 1000",
            "flinkop.flink.client.retries|11|a whole number from 0 to 10",
            "flinkop.log.level|LOUD|one of TRACE, DEBUG, INFO, WARN, ERROR",
            "kubernetes.operator.watched.namespaces|Team_A|namespace names separated by commas",
            "kubernetes.operator.label.selector|tier!=gold|label requirements key=value separated by commas",
            "kubernetes.operator.label.selector|tier in (gold)|label requirements key=value separated by commas",
            "artifacts.max-bytes|huge|a positive size",
            "flinkop.webhook.enabled|maybe|true or false",
            "flinkop.webhook.server.port|99999|a whole number from 0 to 65535",
            "flinkop.webhook.namespace|Team_A|a DNS label",
            "flinkop.webhook.configuration.name|My Hooks|a DNS subdomain",
            "flinkop.webhook.certificate.ip-addresses|localhost|IPv4 addresses separated by commas",
            "flinkop.webhook.certificate.renew-before|soon|a positive duration",
    })
    void a_bad_value_is_refused_naming_its_key_and_what_is_allowed(String key, String value, String allowed) {
        assertThat(problems(Map.of(key, value), Map.of())).singleElement().asString().startsWith(key).contains(value).contains(allowed);
    }

    @Test
    void the_webhook_settings_are_read_from_their_keys_and_default_to_off() {
        assertThat(read(Map.of()).get().webhook()).isEqualTo(org.flinkop.runtime.operator.webhook.WebhookSettings.defaults());
        var webhook = read(Map.of(OperatorKeys.WEBHOOK_ENABLED, "true", OperatorKeys.WEBHOOK_PORT, "8443", OperatorKeys.WEBHOOK_NAMESPACE, "ops",
                OperatorKeys.WEBHOOK_SERVICE, "hooks", OperatorKeys.WEBHOOK_IP_ADDRESSES, "127.0.0.1, 10.0.0.7", OperatorKeys.WEBHOOK_VALIDITY, "90 d",
                OperatorKeys.WEBHOOK_RENEW_BEFORE, "10 d", OperatorKeys.WEBHOOK_CHECK_INTERVAL, "10 min")).get().webhook();

        assertThat(webhook.enabled()).isTrue();
        assertThat(webhook.port()).isEqualTo(8443);
        assertThat(webhook.dnsNames()).containsExactly("hooks", "hooks.ops", "hooks.ops.svc");
        assertThat(webhook.ipAddresses()).containsExactly("127.0.0.1", "10.0.0.7");
        assertThat(webhook.validity()).isEqualTo(java.time.Duration.ofDays(90));
        assertThat(webhook.renewBefore()).isEqualTo(java.time.Duration.ofDays(10));
        assertThat(webhook.checkInterval()).isEqualTo(java.time.Duration.ofMinutes(10));
    }

    @Test
    void every_bad_value_is_reported_at_once() {
        assertThat(problems(Map.of(OperatorKeys.RECONCILE_PARALLELISM, "x", OperatorKeys.HEALTH_PROBE_PORT, "y", FlinkOptions.JM_RECOVERY, "z"), Map.of()))
                .hasSize(3);
    }

    @Test
    void a_retry_cap_under_the_first_retry_is_refused() {
        assertThat(problems(Map.of(OperatorKeys.RETRY_INITIAL_INTERVAL, "10 s", OperatorKeys.RETRY_MAX_INTERVAL, "5 s"), Map.of())).singleElement()
                .asString().contains(OperatorKeys.RETRY_MAX_INTERVAL).contains("shorter than");
    }

    @Test
    void unknown_keys_of_this_operator_and_keys_no_one_reads_are_refused() {
        assertThat(problems(Map.of("flinkop.http.adress", "127.0.0.1"), Map.of())).singleElement().asString()
                .startsWith("flinkop.http.adress: unknown setting").contains(OperatorKeys.HTTP_ADDRESS);
        assertThat(problems(Map.of("taskmanager.numberOfTaskSlots", "2"), Map.of())).singleElement().asString()
                .contains("unknown setting").contains("flinkConfiguration");
        assertThat(problems(Map.of("artifacts.cache-directory", "/tmp"), Map.of())).singleElement().asString().contains("artifacts.cache-directory");
    }

    @Test
    void apache_operator_keys_this_operator_does_not_use_are_ignored_with_a_warning() {
        OperatorConfig config = valid(Map.of("kubernetes.operator.metrics.reporter.slf4j.interval", "5 MINUTE",
                FlinkOptions.SAVEPOINT_HISTORY_MAX_COUNT, "5"));
        assertThat(config.warnings()).containsExactlyInAnyOrder(
                "kubernetes.operator.metrics.reporter.slf4j.interval is not used by this operator; ignored",
                FlinkOptions.SAVEPOINT_HISTORY_MAX_COUNT + " is read from each resource's flinkConfiguration; as an operator-wide default it is not applied");
    }

    @Test
    void the_configuration_shown_in_logs_holds_no_trust_store_password() {
        OperatorConfig config = valid(Map.of("artifacts.trust-store", "/etc/trust.p12", "artifacts.trust-store-password", "changeit-secret"));
        assertThat(config.toString()).doesNotContain("changeit-secret");
    }
}
