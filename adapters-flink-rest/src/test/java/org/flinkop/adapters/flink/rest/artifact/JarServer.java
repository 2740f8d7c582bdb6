package org.flinkop.adapters.flink.rest.artifact;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/** A JDK HTTP (or HTTPS) server on 127.0.0.1 and a free port, serving jars and answers set up per path, counting requests. */
final class JarServer implements AutoCloseable {

    private final HttpServer server;
    private final String scheme;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> bodies = new ConcurrentHashMap<>();

    private JarServer(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.start();
    }

    static JarServer http() throws IOException {
        return new JarServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), "http");
    }

    static JarServer https(SSLContext context) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        return new JarServer(server, "https");
    }

    URI uri(String path) {
        return URI.create(scheme + "://127.0.0.1:" + port() + path);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Serves {@code bytes} at {@code path}: with a Content-Length, or chunked. */
    JarServer serve(String path, byte[] bytes, boolean chunked) {
        return handle(path, exchange -> {
            exchange.sendResponseHeaders(200, chunked ? 0 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    /** Serves {@code bytes} with an ETag, and answers 304 to a request that names it. */
    JarServer serveWithEtag(String path, byte[] bytes, String etag) {
        return handle(path, exchange -> {
            exchange.getResponseHeaders().set("ETag", etag);
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            bodies.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    JarServer redirect(String path, int status, String location) {
        return handle(path, exchange -> {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
    }

    JarServer status(String path, int status) {
        return handle(path, exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
    }

    JarServer handle(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            handler.handle(exchange);
        });
        return this;
    }

    /** How many requests reached {@code path}. */
    int requests(String path) {
        AtomicInteger count = requests.get(path);
        return count == null ? 0 : count.get();
    }

    /** How many answers to {@code path} carried the jar (not "not modified"). */
    int bodies(String path) {
        AtomicInteger count = bodies.get(path);
        return count == null ? 0 : count.get();
    }

    /** Requests to any path. */
    int requests() {
        return requests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
