package org.flinkop.adapters.flink.rest.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.PortFailure.Reason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** https from a JDK server on 127.0.0.1 whose self-signed certificate names only 127.0.0.1. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpsArtifactsTest {

    private static final byte[] JAR = TestJars.jar("tls", 5_000);

    private SelfSignedCertificate certificate;
    private JarServer server;
    private Path work;

    @BeforeAll
    void start() throws Exception {
        work = TestJars.directory("https");
        certificate = SelfSignedCertificate.create(work.resolve("tls"));
        server = JarServer.https(certificate.serverContext()).serve("/job.jar", JAR, false);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ArtifactSettings trusting() {
        return ArtifactSettings.defaults(work.resolve("cache")).allowing(AddressKind.LOOPBACK).withTrustStore(certificate.trustStore());
    }

    @Test
    void a_certificate_from_the_configured_trust_store_is_trusted() {
        assertThat(new UriArtifacts(trusting()).fetch(server.uri("/job.jar")).get().sha256()).isEqualTo(TestJars.sha256(JAR));
    }

    @Test
    void a_certificate_the_jvm_does_not_trust_is_refused_naming_the_trust_store_setting() {
        PortFailure refused = new UriArtifacts(ArtifactSettings.defaults(work.resolve("cache")).allowing(AddressKind.LOOPBACK)).fetch(server.uri("/job.jar"))
                .getLeft();

        assertThat(refused.reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(refused.message()).contains("TLS handshake failed").contains("artifacts.trust-store");
    }

    @Test
    void a_trusted_certificate_for_another_host_is_refused() {
        UriArtifacts artifacts = new UriArtifacts(trusting(), host -> List.of(InetAddress.getLoopbackAddress()));

        PortFailure refused = artifacts.fetch(URI.create("https://jars.test:" + server.port() + "/job.jar")).getLeft();

        assertThat(refused.reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(refused.message()).contains("TLS handshake failed").contains("jars.test");
    }

    @Test
    void a_redirect_from_https_to_plain_http_is_refused_unless_http_is_allowed() {
        server.redirect("/downgrade.jar", 302, "http://127.0.0.1:" + server.port() + "/job.jar");

        PortFailure refused = new UriArtifacts(trusting()).fetch(server.uri("/downgrade.jar")).getLeft();

        assertThat(refused.reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(refused.message()).contains("is not followed").contains("artifacts.allow-http");
    }

    @Test
    void a_trust_store_that_cannot_be_loaded_fails_at_wiring_naming_the_setting() {
        ArtifactSettings broken = trusting().withTrustStore(new TrustStore(work.resolve("missing.p12"), "PKCS12", "x"));

        assertThatThrownBy(() -> new UriArtifacts(broken)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("artifacts.trust-store");
    }
}
