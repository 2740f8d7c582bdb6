package org.flinkop.runtime.operator.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import org.flinkop.runtime.operator.logging.OperatorLog;
import org.flinkop.runtime.operator.webhook.tls.ReloadingKeyManager;

/**
 * The HTTPS server the API server calls: {@code POST /validate} and {@code POST /mutate} (the Apache operator's
 * paths), each taking and answering an {@code admission.k8s.io/v1} AdmissionReview. The certificate it presents is
 * whatever the {@link ReloadingKeyManager} holds, so a renewal needs no restart. Reviews are small and answered from
 * memory, so two threads are enough.
 */
final class WebhookServer {

    static final String VALIDATE = "/validate";
    static final String MUTATE = "/mutate";
    /** Larger bodies are refused: a FlinkDeployment with a full pod template is far smaller. */
    private static final int MAX_BODY = 3 * 1024 * 1024;

    private final String address;
    private final int port;
    private final ReloadingKeyManager keys;
    private final ValidationReview validating;
    private final MutationReview mutating;
    private final KubernetesSerialization json;
    private final OperatorLog log;
    private HttpsServer server;
    private ExecutorService executor;

    WebhookServer(String address, int port, ReloadingKeyManager keys, ValidationReview validating, MutationReview mutating, KubernetesSerialization json,
            OperatorLog log) {
        this.address = address;
        this.port = port;
        this.keys = keys;
        this.validating = validating;
        this.mutating = mutating;
        this.json = json;
        this.log = log;
    }

    synchronized void start() throws IOException, GeneralSecurityException {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(new KeyManager[] {keys}, null, null);
        HttpsServer created = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(address), port), 32);
        created.setHttpsConfigurator(new HttpsConfigurator(tls));
        created.createContext(VALIDATE, exchange -> handle(exchange, validating::review));
        created.createContext(MUTATE, exchange -> handle(exchange, mutating::review));
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "flinkop-webhook");
            thread.setDaemon(true);
            return thread;
        });
        created.setExecutor(executor);
        created.start();
        server = created;
    }

    synchronized int port() {
        return server.getAddress().getPort();
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    private void handle(HttpExchange exchange, Function<AdmissionRequest, AdmissionResponse> webhook) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
                send(exchange, exchange.getRequestMethod().equals("POST") ? 404 : 405, "{\"message\":\"POST an AdmissionReview to /validate or /mutate\"}");
                return;
            }
            byte[] body = read(exchange.getRequestBody());
            AdmissionRequest request = body == null ? null : request(body);
            if (request == null) {
                send(exchange, 400, "{\"message\":\"not an admission.k8s.io/v1 AdmissionReview with a request uid\"}");
                return;
            }
            String answer;
            try {
                answer = answer(exchange.getRequestURI().getPath(), request, webhook);
            } catch (RuntimeException failed) {
                send(exchange, 500, "{\"message\":\"the review failed; the operator's log says why\"}");
                return;
            }
            send(exchange, 200, answer);
        }
    }

    /** The review answering {@code request}; a review that fails is logged and thrown (answered 500: the API server applies the failure policy). */
    private String answer(String path, AdmissionRequest request, Function<AdmissionRequest, AdmissionResponse> webhook) {
        AdmissionResponse response;
        try {
            response = webhook.apply(request);
        } catch (RuntimeException e) {
            log.error("admission review failed", OperatorLog.fields("path", path, "kind", request.kind(), "namespace", request.namespace(),
                    "name", request.metadata().get("name")), e);
            throw e;
        }
        if (!response.allowed()) {
            log.info("admission refused", OperatorLog.fields("path", path, "kind", request.kind(), "namespace", request.namespace(),
                    "name", request.metadata().get("name"), "operation", request.operation()));
        }
        return json.asJson(response.toReview(request.uid()));
    }

    @SuppressWarnings("unchecked")
    private AdmissionRequest request(byte[] body) {
        try {
            Map<String, Object> review = json.unmarshal(new String(body, StandardCharsets.UTF_8), Map.class);
            return review == null ? null : AdmissionRequest.of(review);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
