package org.flinkop.runtime.operator.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.flinkop.runtime.operator.webhook.tls.CertificateIssuer;
import org.flinkop.runtime.operator.webhook.tls.IssuedCertificate;
import org.junit.jupiter.api.Test;

/** The operator's Kubernetes client against a TLS server that takes the client's first choice, as the API server does. */
class OperatorHttpClientFactoryTest {

    @Test
    void the_operators_client_gets_chacha20_where_the_default_client_gets_aes_gcm() throws Exception {
        try (FirstChoiceServer server = new FirstChoiceServer()) {
            assertThat(server.cipherSuiteOf(new KubernetesClientModule(server.config()).kubernetesClient())).isEqualTo("TLS_CHACHA20_POLY1305_SHA256");
            assertThat(server.cipherSuiteOf(new KubernetesClientBuilder().withConfig(server.config()).build())).startsWith("TLS_AES_");
        }
    }

    /** HTTPS on loopback that answers every request with an empty NamespaceList and remembers each connection's cipher suite. */
    private static final class FirstChoiceServer implements AutoCloseable {

        private final SSLServerSocket socket;
        private final BlockingQueue<String> negotiated = new LinkedBlockingQueue<>();
        private final Thread acceptor;

        FirstChoiceServer() throws Exception {
            CertificateIssuer issuer = new CertificateIssuer(new SecureRandom());
            Instant now = Instant.now();
            IssuedCertificate authority = issuer.authority("test-authority", now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.DAYS));
            IssuedCertificate serving = issuer.serving(authority, "127.0.0.1", List.of("localhost"), List.of("127.0.0.1"),
                    now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.DAYS));
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("serving", serving.key(), new char[0], new X509Certificate[] {serving.certificate(), authority.certificate()});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 8, InetAddress.getLoopbackAddress());
            SSLParameters parameters = socket.getSSLParameters();
            // the client's order decides, as it does for the API server when the client prefers ChaCha20
            parameters.setUseCipherSuitesOrder(false);
            socket.setSSLParameters(parameters);
            acceptor = new Thread(this::serve, "first-choice-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        Config config() {
            return new ConfigBuilder().withMasterUrl("https://127.0.0.1:" + socket.getLocalPort()).withTrustCerts(true).withRequestRetryBackoffLimit(0)
                    .withRequestTimeout(10_000).build();
        }

        /** The cipher suite of the connection {@code client} lists namespaces over; closes the client. */
        String cipherSuiteOf(KubernetesClient client) throws InterruptedException {
            try (client) {
                assertThat(client.namespaces().list().getItems()).isEmpty();
            }
            return negotiated.poll(10, TimeUnit.SECONDS);
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (SSLSocket connection = (SSLSocket) socket.accept()) {
                    connection.startHandshake();
                    negotiated.add(connection.getSession().getCipherSuite());
                    BufferedReader request = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
                    for (String line = request.readLine(); line != null && !line.isEmpty(); line = request.readLine()) {
                        // the request's headers; every request gets the same answer
                    }
                    byte[] body = "{\"kind\":\"NamespaceList\",\"apiVersion\":\"v1\",\"metadata\":{},\"items\":[]}".getBytes(StandardCharsets.UTF_8);
                    OutputStream out = connection.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                } catch (IOException e) {
                    // a connection that failed, or the socket closed: the assertions on what was negotiated tell
                }
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            acceptor.join(5_000);
        }
    }
}
