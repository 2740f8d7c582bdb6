package org.flinkop.runtime.embedded.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.flinkop.ports.api.OperatorApi.Refusal;

/**
 * The HTTP API {@code flinkctl run} serves to the other commands on the same work directory, on 127.0.0.1 and a
 * free port. Each request is {@code POST /v1/<operation>} (apply, plan, get, list, delete, events) with a JSON body
 * and the bearer token of the {@link RunFile}; the answer is what {@link OperatorAccess} returns, as {@link Wire}
 * writes it. A request without the token is answered 401 and does nothing.
 */
final class RunServer implements AutoCloseable {

    private static final int MAX_BODY = 16 << 20;

    private final HttpServer server;
    private final ExecutorService threads;
    private final OperatorAccess operator;
    private final RunFile file;
    private final byte[] expected;

    private RunServer(HttpServer server, ExecutorService threads, OperatorAccess operator, RunFile file) {
        this.server = server;
        this.threads = threads;
        this.operator = operator;
        this.file = file;
        this.expected = ("Bearer " + file.token()).getBytes(StandardCharsets.US_ASCII);
    }

    /** Serves {@code operator} on a free port of 127.0.0.1 under a new token; returns once it listens. */
    static RunServer start(OperatorAccess operator) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        RunFile run = RunFile.forThisProcess(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "flinkctl-run-http");
            t.setDaemon(true);
            return t;
        });
        RunServer running = new RunServer(server, threads, operator, run);
        server.setExecutor(threads);
        server.createContext("/", running::handle);
        server.start();
        return running;
    }

    /** Where and how to reach this server, for the {@link RunFile} in the work directory. */
    RunFile file() {
        return file;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !MessageDigest.isEqual(expected, authorization.getBytes(StandardCharsets.US_ASCII))) {
                respond(exchange, 401, Map.of("error", "a request needs the bearer token of " + RunFile.NAME + " in the work directory"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod()) || !path.startsWith("/v1/")) {
                respond(exchange, 404, Map.of("error", "allowed: POST /v1/apply, plan, get, list, delete or events"));
                return;
            }
            Map<String, Object> request;
            try (InputStream body = exchange.getRequestBody()) {
                request = Wire.read(body.readNBytes(MAX_BODY));
            } catch (RuntimeException e) {
                respond(exchange, 400, Map.of("error", "the body is not a JSON object: " + e.getMessage()));
                return;
            }
            try {
                Map<String, Object> answer = answer(path.substring("/v1/".length()), request);
                respond(exchange, answer == null ? 404 : 200, answer == null ? Map.of("error", "no operation " + path) : answer);
            } catch (RuntimeException e) {
                respond(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
            }
        }
    }

    private Map<String, Object> answer(String operation, Map<String, Object> request) {
        return switch (operation) {
            case "apply" -> either(operator.apply(request.get("document")), resource -> Map.of("resource", Wire.resource(resource)));
            case "plan" -> either(operator.plan(request.get("document")),
                    planned -> Map.of("planned", Map.of("key", Wire.key(planned.key()), "steps", planned.steps())));
            case "get" -> {
                Map<String, Object> found = new LinkedHashMap<>();
                found.put("resource", operator.get(Wire.key(request.get("key"))).map(Wire::resource).getOrNull());
                yield found;
            }
            case "list" -> Map.of("resources", operator.list(org.flinkop.domain.resource.ResourceKind.valueOf((String) request.get("kind")))
                    .map(Wire::resource).asJava());
            case "delete" -> either(operator.delete(Wire.key(request.get("key"))), done -> Map.of("done", true));
            case "events" -> Map.of("events", operator.events(Wire.key(request.get("key"))).map(Wire::event).asJava());
            default -> null;
        };
    }

    private static <T> Map<String, Object> either(Either<Refusal, T> result, java.util.function.Function<T, Map<String, Object>> success) {
        return result.fold(refusal -> Map.of("refusal", Wire.refusal(refusal)), success);
    }

    private static void respond(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = Wire.write(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Stops answering; requests in flight get a second to finish. */
    @Override
    public void close() {
        server.stop(1);
        threads.shutdownNow();
    }
}
