package org.flinkop.runtime.operator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.flinkop.runtime.operator.webhook.tls.CertificateIssuer;
import org.flinkop.runtime.operator.webhook.tls.WebhookTls;
import org.junit.jupiter.api.Test;

class CertificateRotationTest {

    private static final Instant NOW = Instant.parse("2026-11-24T21:00:00Z");

    private final WebhookSettings settings = new WebhookSettings(true, 0, "flinkop", "flinkop-webhook", "flinkop-webhook-cert", "flinkop-webhook",
            List.of("127.0.0.1"), Duration.ofDays(365), Duration.ofDays(3650), Duration.ofDays(30), Duration.ofHours(1));
    private final CertificateRotation rotation = new CertificateRotation(new CertificateIssuer(new SecureRandom()), settings);

    @Test
    void a_fresh_set_serves_the_service_names_for_a_year_under_a_ten_year_authority() throws Exception {
        WebhookTls tls = rotation.fresh(NOW);

        assertThat(WebhookTls.names(tls.serving().certificate())).containsExactly("flinkop-webhook", "flinkop-webhook.flinkop", "flinkop-webhook.flinkop.svc",
                "127.0.0.1");
        assertThat(tls.serving().certificate().getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
        assertThat(tls.authority().certificate().getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(3650)));
        assertThat(tls.bundle()).containsExactly(tls.authority().certificate());
        tls.serving().certificate().verify(tls.authority().certificate().getPublicKey());
    }

    @Test
    void nothing_is_renewed_while_the_certificates_are_good() {
        WebhookTls tls = rotation.fresh(NOW);

        assertThat(rotation.renewed(tls, NOW.plus(Duration.ofDays(334))).isEmpty()).isTrue();
    }

    @Test
    void the_serving_certificate_is_renewed_within_renew_before_of_its_expiry_under_the_same_authority() throws Exception {
        WebhookTls tls = rotation.fresh(NOW);
        Instant later = NOW.plus(Duration.ofDays(336));

        WebhookTls renewed = rotation.renewed(tls, later).get();
        assertThat(renewed.authority()).isEqualTo(tls.authority());
        assertThat(renewed.serving().certificate()).isNotEqualTo(tls.serving().certificate());
        assertThat(renewed.serving().certificate().getNotAfter().toInstant()).isEqualTo(later.plus(Duration.ofDays(365)));
        renewed.serving().certificate().verify(tls.authority().certificate().getPublicKey());
    }

    @Test
    void a_new_name_to_serve_renews_the_serving_certificate() {
        WebhookTls tls = rotation.fresh(NOW);
        WebhookSettings renamed = new WebhookSettings(true, 0, "other", "flinkop-webhook", "s", "c", List.of(), Duration.ofDays(365), Duration.ofDays(3650),
                Duration.ofDays(30), Duration.ofHours(1));

        assertThat(new CertificateRotation(new CertificateIssuer(new SecureRandom()), renamed).renewed(tls, NOW).isDefined()).isTrue();
    }

    @Test
    void a_new_authority_keeps_the_old_one_in_the_bundle_while_it_is_valid() {
        WebhookTls tls = rotation.fresh(NOW);
        Instant nearEnd = NOW.plus(Duration.ofDays(3630));

        WebhookTls renewed = rotation.renewed(tls, nearEnd).get();
        assertThat(renewed.authority().certificate()).isNotEqualTo(tls.authority().certificate());
        assertThat(renewed.bundle()).containsExactly(renewed.authority().certificate(), tls.authority().certificate());
        assertThat(renewed.caBundlePem()).contains("BEGIN CERTIFICATE").doesNotContain("PRIVATE");
    }

    @Test
    void the_secret_data_reads_back_as_the_same_set() {
        WebhookTls tls = rotation.fresh(NOW);

        WebhookTls read = WebhookTls.fromSecretData(tls.toSecretData()).get();
        assertThat(read.authority()).isEqualTo(tls.authority());
        assertThat(read.serving()).isEqualTo(tls.serving());
        assertThat(read.bundle()).isEqualTo(tls.bundle());
        assertThat(WebhookTls.fromSecretData(java.util.Map.of()).getLeft()).contains("no complete certificate set");
        assertThat(WebhookTls.fromSecretData(java.util.Map.of("ca.crt", "eA==", "ca.key", "eA==", "tls.crt", "eA==", "tls.key", "eA==", "ca-bundle.crt", "eA=="))
                .getLeft()).contains("cannot be read").doesNotContain("eA");
        assertThat(tls.toString()).doesNotContain("PRIVATE");
    }
}
