package org.flinkop.testkit.kube;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Waits for the control plane's processes to answer, failing early with the process's log when it exits. */
final class Readiness {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final URI apiUrl;
    private final String token;
    private final Path certificate;

    Readiness(URI apiUrl, String token, Path certificate) {
        this.apiUrl = apiUrl;
        this.token = token;
        this.certificate = certificate;
    }

    URI apiUrl() {
        return apiUrl;
    }

    /** Until {@code GET /readyz} answers 200; the serving certificate is trusted once the API server has written it. */
    void awaitApiServer(ChildProcess process, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(apiUrl.resolve("/readyz")).header("Authorization", "Bearer " + token).timeout(REQUEST_TIMEOUT).build();
        await(process, timeout, "GET " + request.uri(), () -> {
            if (!Files.isRegularFile(certificate)) {
                return false;
            }
            return answersOk(HttpClient.newBuilder().sslContext(trusting(certificate)).connectTimeout(REQUEST_TIMEOUT).build(), request);
        });
    }

    static void awaitEtcd(ChildProcess process, URI health, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(health).timeout(REQUEST_TIMEOUT).build();
        await(process, timeout, "GET " + health, () -> answersOk(client, request));
    }

    private interface Probe {
        boolean ready() throws IOException, InterruptedException;
    }

    private static void await(ChildProcess process, Duration timeout, String what, Probe probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastProblem = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.describeFailure());
            }
            try {
                if (probe.ready()) {
                    return;
                }
            } catch (IOException e) {
                lastProblem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
            sleep(POLL);
        }
        throw new IllegalStateException(what + " did not answer 200 within " + timeout + " (" + lastProblem + "); " + process.describeFailure());
    }

    private static boolean answersOk(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    /** An SSL context that trusts exactly the certificates of {@code pem} (the API server's self-signed bundle). */
    static SSLContext trusting(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("apiserver-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust " + pem + ": " + e.getMessage(), e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
