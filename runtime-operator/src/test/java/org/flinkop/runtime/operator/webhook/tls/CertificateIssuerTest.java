package org.flinkop.runtime.operator.webhook.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateIssuerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T21:00:00Z");

    private final CertificateIssuer issuer = new CertificateIssuer(new SecureRandom());

    @Test
    void an_authority_is_a_self_signed_ca_that_the_jdk_reads() throws Exception {
        IssuedCertificate ca = issuer.authority("test authority", NOW, NOW.plus(Duration.ofDays(3650)));

        X509Certificate parsed = reparse(ca.certificate());
        parsed.verify(parsed.getPublicKey());
        assertThat(parsed.getVersion()).isEqualTo(3);
        assertThat(parsed.getSubjectX500Principal().getName()).isEqualTo("CN=test authority");
        assertThat(parsed.getIssuerX500Principal()).isEqualTo(parsed.getSubjectX500Principal());
        assertThat(parsed.getBasicConstraints()).as("a CA without a path length limit").isEqualTo(Integer.MAX_VALUE);
        assertThat(parsed.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(parsed.getKeyUsage()[0]).as("digitalSignature").isFalse();
        assertThat(parsed.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        assertThat(parsed.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(parsed.getPublicKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void a_serving_certificate_carries_its_names_and_validity_and_is_signed_by_the_authority() throws Exception {
        IssuedCertificate ca = issuer.authority("test authority", NOW, NOW.plus(Duration.ofDays(3650)));
        IssuedCertificate serving = issuer.serving(ca, "flinkop-webhook.flinkop.svc",
                List.of("flinkop-webhook", "flinkop-webhook.flinkop", "flinkop-webhook.flinkop.svc"), List.of("127.0.0.1"), NOW, NOW.plus(Duration.ofDays(365)));

        X509Certificate parsed = reparse(serving.certificate());
        parsed.verify(ca.certificate().getPublicKey());
        assertThat(parsed.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(parsed.getSubjectAlternativeNames()).containsExactlyInAnyOrder(List.of(2, "flinkop-webhook"), List.of(2, "flinkop-webhook.flinkop"),
                List.of(2, "flinkop-webhook.flinkop.svc"), List.of(7, "127.0.0.1"));
        assertThat(parsed.getNotBefore()).isEqualTo(Date.from(NOW));
        assertThat(parsed.getNotAfter()).isEqualTo(Date.from(NOW.plus(Duration.ofDays(365))));
        assertThat(parsed.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(parsed.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(parsed.getKeyUsage()[5]).as("keyCertSign").isFalse();
        assertThat(parsed.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        parsed.checkValidity(Date.from(NOW.plus(Duration.ofDays(100))));
        assertThat(serving.toString()).doesNotContain("PRIVATE").contains("notAfter");
    }

    @Test
    void a_certificate_does_not_verify_with_another_authoritys_key() {
        IssuedCertificate ca = issuer.authority("one", NOW, NOW.plus(Duration.ofDays(10)));
        IssuedCertificate other = issuer.authority("other", NOW, NOW.plus(Duration.ofDays(10)));
        IssuedCertificate serving = issuer.serving(ca, "svc", List.of("svc"), List.of(), NOW, NOW.plus(Duration.ofDays(1)));

        assertThatThrownBy(() -> serving.certificate().verify(other.certificate().getPublicKey())).isInstanceOf(SignatureException.class);
    }

    @Test
    void dates_from_2050_are_written_as_generalized_time() throws Exception {
        Instant late = Instant.parse("2051-03-01T10:15:30Z");
        IssuedCertificate ca = issuer.authority("long lived", NOW, late);

        assertThat(reparse(ca.certificate()).getNotAfter()).isEqualTo(Date.from(late));
    }

    @Test
    void long_names_need_the_long_length_form_and_still_parse() throws Exception {
        IssuedCertificate ca = issuer.authority("a".repeat(300), NOW, NOW.plus(Duration.ofDays(1)));

        assertThat(reparse(ca.certificate()).getSubjectX500Principal().getName()).isEqualTo("CN=" + "a".repeat(300));
    }

    @Test
    void object_identifiers_are_encoded_in_base_128() {
        assertThat(Der.oid("1.2.840.10045.4.3.2")).containsExactly(bytes(0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02));
        assertThat(Der.oid("2.5.29.17")).containsExactly(bytes(0x06, 0x03, 0x55, 0x1d, 0x11));
    }

    @Test
    void pem_round_trips_certificates_and_keys() throws Exception {
        IssuedCertificate ca = issuer.authority("round trip", NOW, NOW.plus(Duration.ofDays(1)));

        String pem = Pem.certificates(List.of(ca.certificate(), ca.certificate()));
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n");
        assertThat(Pem.readCertificates(pem)).containsExactly(ca.certificate(), ca.certificate());
        assertThat(Pem.readPrivateKey(Pem.privateKey(ca.key()), "EC")).isEqualTo(ca.key());
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static X509Certificate reparse(X509Certificate certificate) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(certificate.getEncoded()));
    }
}
