package org.flinkop.adapters.flink.rest.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.flinkop.ports.artifact.Artifacts;
import org.junit.jupiter.api.Test;

class ArtifactSettingsTest {

    @Test
    void the_defaults_refuse_plain_http_and_every_restricted_address() {
        ArtifactSettings defaults = ArtifactSettings.defaults(Path.of("cache"));

        assertThat(defaults.plainHttpAllowed()).isFalse();
        assertThat(defaults.allowedAddresses()).isEmpty();
        assertThat(defaults.maxBytes()).isEqualTo(256L << 20);
        assertThat(defaults.trustStore()).isEmpty();
    }

    @Test
    void the_configuration_keys_the_refusals_name_set_what_they_say() {
        ArtifactSettings settings = ArtifactSettings.fromConfiguration(Map.ofEntries(
                Map.entry("artifacts.cache-dir", "/var/cache/jars"),
                Map.entry("artifacts.max-bytes", "64m"),
                Map.entry("artifacts.connect-timeout", "2 s"),
                Map.entry("artifacts.read-timeout", "5s"),
                Map.entry("artifacts.fetch-timeout", "1 min"),
                Map.entry("artifacts.max-redirects", "2"),
                Map.entry("artifacts.allow-http", "true"),
                Map.entry("artifacts.allow-loopback-addresses", "TRUE"),
                Map.entry("artifacts.allow-private-addresses", "false"),
                Map.entry("artifacts.allow-link-local-addresses", "true"),
                Map.entry("artifacts.trust-store", "/etc/jars/trust.p12"),
                Map.entry("artifacts.trust-store-password", "secret"),
                Map.entry("unrelated.key", "ignored"))).get();

        assertThat(settings.cacheDirectory()).isEqualTo(Path.of("/var/cache/jars"));
        assertThat(settings.maxBytes()).isEqualTo(64L << 20);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.fetchTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.maxRedirects()).isEqualTo(2);
        assertThat(settings.plainHttpAllowed()).isTrue();
        assertThat(settings.allowedAddresses()).containsExactlyInAnyOrder(AddressKind.LOOPBACK, AddressKind.LINK_LOCAL);
        assertThat(settings.trustStore().get()).isEqualTo(new TrustStore(Path.of("/etc/jars/trust.p12"), "PKCS12", "secret"));
    }

    @Test
    void every_bad_value_is_reported_by_its_key_with_what_it_takes() {
        var errors = ArtifactSettings.fromConfiguration(Map.of(
                "artifacts.max-bytes", "lots",
                "artifacts.read-timeout", "0 s",
                "artifacts.max-redirects", "99",
                "artifacts.allow-http", "yes",
                "artifacts.allow-privat-addresses", "true")).getLeft();

        assertThat(errors).containsExactlyInAnyOrder(
                "artifacts.allow-privat-addresses: unknown setting; known: " + String.join(", ", "artifacts.cache-dir", "artifacts.max-bytes",
                        "artifacts.connect-timeout", "artifacts.read-timeout", "artifacts.fetch-timeout", "artifacts.max-redirects", "artifacts.allow-http",
                        "artifacts.trust-store", "artifacts.trust-store-type", "artifacts.trust-store-password", "artifacts.allow-loopback-addresses",
                        "artifacts.allow-private-addresses", "artifacts.allow-link-local-addresses", "artifacts.allow-metadata-addresses"),
                "artifacts.cache-dir: required, a directory path",
                "artifacts.max-bytes: 'lots' is not a positive size (e.g. 256m, 1g)",
                "artifacts.read-timeout: '0 s' is not a positive duration, a whole number with a unit: ms, s, min, h or d (e.g. 30 s, 6h)",
                "artifacts.max-redirects: '99' is not a whole number from 0 to 20",
                "artifacts.allow-http: 'yes' is not true or false");
    }

    @Test
    void the_module_binds_one_fetcher_with_the_settings() {
        ArtifactSettings settings = ArtifactSettings.defaults(Path.of("target", "module-cache"));
        Injector injector = Guice.createInjector(new ArtifactsModule(settings));

        assertThat(injector.getInstance(Artifacts.class)).isInstanceOf(UriArtifacts.class).isSameAs(injector.getInstance(Artifacts.class));
        assertThat(injector.getInstance(ArtifactSettings.class)).isEqualTo(settings);
    }
}
