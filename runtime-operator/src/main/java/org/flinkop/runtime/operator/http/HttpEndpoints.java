package org.flinkop.runtime.operator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.flinkop.ports.Done;
import org.flinkop.runtime.operator.config.OperatorConfig;
import org.flinkop.runtime.operator.lifecycle.Lifecycle;
import org.flinkop.runtime.operator.metrics.PrometheusText;

/**
 * The operator's HTTP endpoints on one port: {@code /healthz} (liveness), {@code /readyz} (readiness) and
 * {@code /metrics} (Prometheus text format). GET and HEAD only; 200 when healthy or ready, 503 when not. Served by
 * the JDK's own HTTP server on one thread, so a scrape never competes with reconcile passes for more than that.
 */
public final class HttpEndpoints implements Lifecycle {

    private final OperatorConfig.Http settings;
    private final Health health;
    private final Supplier<String> metrics;
    private HttpServer server;
    private ExecutorService executor;

    public HttpEndpoints(OperatorConfig.Http settings, Health health, Supplier<String> metrics) {
        this.settings = settings;
        this.health = health;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "http endpoints";
    }

    @Override
    public synchronized Either<String, Done> start() {
        if (server != null) {
            return Either.right(Done.DONE);
        }
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getByName(settings.address()), settings.port()), 16);
            created.createContext("/", this::handle);
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "flinkop-http");
                thread.setDaemon(true);
                return thread;
            });
            created.setExecutor(executor);
            created.start();
            server = created;
            return Either.right(Done.DONE);
        } catch (IOException e) {
            return Either.left("cannot listen on " + settings.address() + ":" + settings.port() + " (" + e.getMessage()
                    + "); set kubernetes.operator.health.probe.port and flinkop.http.address");
        }
    }

    /** The port the endpoints listen on (the one chosen, when the settings said 0). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the endpoints are not started");
        }
        return server.getAddress().getPort();
    }

    @Override
    public synchronized void stop(Duration grace) {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (RuntimeException e) {
            // an endpoint that fails answers 500 rather than leaving the connection open
            respond(exchange, 500, "text/plain; charset=utf-8", "internal error: " + e + "\n");
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            respond(exchange, 405, "text/plain; charset=utf-8", "method " + method + " not allowed (allowed: GET, HEAD)\n");
            return;
        }
        switch (path) {
            case "/healthz" -> probe(exchange, health.live(), "the control loop's threads are not running");
            case "/readyz" -> probe(exchange, health.ready(), "not ready: the informers have not synced, or the operator is stopping");
            case "/metrics" -> respond(exchange, 200, PrometheusText.CONTENT_TYPE, metrics.get());
            default -> respond(exchange, 404, "text/plain; charset=utf-8", "no such endpoint (allowed: /healthz, /readyz, /metrics)\n");
        }
    }

    private static void probe(HttpExchange exchange, boolean ok, String why) throws IOException {
        respond(exchange, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : why + "\n");
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
