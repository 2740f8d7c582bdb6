package org.flinkop.runtime.operator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.flinkop.ports.admission.ResourceLookup;
import org.flinkop.runtime.operator.logging.LogLevel;
import org.flinkop.runtime.operator.logging.LogSink;
import org.flinkop.runtime.operator.logging.OperatorLog;
import org.flinkop.runtime.operator.logging.SecretMasker;
import org.flinkop.runtime.operator.webhook.tls.CertificateIssuer;
import org.flinkop.runtime.operator.webhook.tls.ReloadingKeyManager;
import org.flinkop.runtime.operator.webhook.tls.WebhookTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTPS server on loopback, called as the API server calls it: over TLS, trusting only the webhook's authority. */
class WebhookServerTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final ReloadingKeyManager keys = new ReloadingKeyManager();
    private WebhookServer server;
    private HttpClient client;

    @BeforeEach
    void start() throws Exception {
        WebhookSettings settings = new WebhookSettings(true, 0, "flinkop", "flinkop-webhook", "s", "c", List.of("127.0.0.1"), Duration.ofDays(1),
                Duration.ofDays(2), Duration.ofHours(1), Duration.ofHours(1));
        WebhookTls tls = new CertificateRotation(new CertificateIssuer(new SecureRandom()), settings).fresh(Instant.now());
        keys.load(tls.serving(), tls.authority().certificate());
        OperatorLog log = new OperatorLog(new LogSink(new PrintStream(logged, true, StandardCharsets.UTF_8), LogLevel.INFO, new SecretMasker(), Clock.systemUTC()),
                "test");
        server = new WebhookServer("127.0.0.1", 0, keys, new ValidationReview(ResourceLookup.none(), false, Set.of()), new MutationReview(JSON), JSON, log);
        server.start();
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("authority", tls.authority().certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void a_review_is_answered_over_tls_with_the_uid_it_carries() throws Exception {
        String review = JSON.asJson(Map.of("apiVersion", "admission.k8s.io/v1", "kind", "AdmissionReview", "request", Map.of("uid", "abc",
                "kind", Map.of("kind", "FlinkSessionJob"), "operation", "CREATE", "namespace", "team-a",
                "object", Map.of("metadata", Map.of("name", "job"), "spec", Map.of("deploymentName", "session")))));

        HttpResponse<String> mutated = post(WebhookServer.MUTATE, review);
        HttpResponse<String> validated = post(WebhookServer.VALIDATE, review);

        assertThat(mutated.statusCode()).isEqualTo(200);
        assertThat(mutated.body()).contains("\"uid\":\"abc\"", "\"allowed\":true", "\"patchType\":\"JSONPatch\"");
        assertThat(validated.statusCode()).isEqualTo(200);
        assertThat(validated.body()).contains("\"uid\":\"abc\"", "\"allowed\":false", "[MISSING_FIELD]");
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("admission refused");
    }

    @Test
    void what_is_not_a_review_is_refused_with_its_status_code() throws Exception {
        assertThat(post(WebhookServer.VALIDATE, "not json").statusCode()).isEqualTo(400);
        assertThat(post(WebhookServer.VALIDATE, "{\"request\": {}}").statusCode()).isEqualTo(400);
        assertThat(post("/validate/more", "{}").statusCode()).isEqualTo(404);
        HttpResponse<String> get = client.send(HttpRequest.newBuilder(uri(WebhookServer.VALIDATE)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("https://127.0.0.1:" + server.port() + path);
    }
}
