package org.flinkop.runtime.operator.wiring;

import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;

/**
 * The HTTP client of the operator's Kubernetes client: fabric8's Vert.x client, offering ChaCha20-Poly1305 before
 * AES-GCM. The operator's JVM compiles with C1 only (it keeps the container small), and C1 has no intrinsics for
 * AES-GCM: in Java, AES-GCM then costs about four times the CPU of ChaCha20-Poly1305 for every byte of every watch
 * event and answer. The API server takes the client's first choice it supports (Go does when the client prefers
 * ChaCha20); a server that offers only AES-GCM (FIPS) still gets it, as both are listed.
 */
public final class OperatorHttpClientFactory extends Vertx5HttpClientFactory {

    /** TLS 1.3 first, then TLS 1.2 with forward secrecy; each with ChaCha20-Poly1305 before AES-GCM. */
    static final List<String> CIPHER_SUITES = List.of(
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");

    @Override
    protected void additionalConfig(WebClientOptions options, WebSocketClientOptions webSocketOptions, PoolOptions poolOptions) {
        CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
        CIPHER_SUITES.forEach(webSocketOptions::addEnabledCipherSuite);
    }
}
