package org.flinkop.adapters.flink.rest;

import io.vavr.control.Either;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.rest.FileUpload;
import org.apache.flink.runtime.rest.RestClient;
import org.apache.flink.runtime.rest.messages.MessageHeaders;
import org.apache.flink.runtime.rest.messages.MessageParameters;
import org.apache.flink.runtime.rest.messages.RequestBody;
import org.apache.flink.runtime.rest.messages.ResponseBody;

/**
 * Requests to Flink clusters over Flink's own {@link RestClient}, one client per cluster endpoint. Every port call
 * shares one {@link Deadline} of {@link FlinkRestSettings#requestTimeout()} across its requests and retries; a request
 * that could not connect is sent again up to {@link FlinkRestSettings#retries()} times while time remains. Safe from
 * any thread.
 */
final class RestCalls implements AutoCloseable {

    private static final Duration RETRY_DELAY = Duration.ofMillis(200);

    private final FlinkRestSettings settings;
    private final ExecutorService executor = Executors.newCachedThreadPool(RestCalls::daemon);
    private final Map<URI, RestClient> clients = new ConcurrentHashMap<>();

    RestCalls(FlinkRestSettings settings) {
        this.settings = settings;
    }

    /** The deadline of a port call starting now. */
    Deadline deadline() {
        return Deadline.after(settings.requestTimeout());
    }

    /** The failure of a port call whose deadline passed. */
    RestFailure timeout(URI cluster) {
        return RestFailure.timeout(cluster, settings.requestTimeout());
    }

    <R extends RequestBody, P extends ResponseBody, U extends MessageParameters, M extends MessageHeaders<R, P, U>> Either<RestFailure, P> call(
            URI cluster, Deadline deadline, M headers, U parameters, R body) {
        return call(cluster, deadline, headers, parameters, body, List.of());
    }

    /** Sends the request, again while the cluster cannot be reached and time remains, and waits for the answer. */
    <R extends RequestBody, P extends ResponseBody, U extends MessageParameters, M extends MessageHeaders<R, P, U>> Either<RestFailure, P> call(
            URI cluster, Deadline deadline, M headers, U parameters, R body, Collection<FileUpload> files) {
        Either<RestFailure, P> answer = await(cluster, deadline, send(cluster, headers, parameters, body, files));
        for (int retry = 0; retry < settings.retries() && answer.isLeft() && answer.getLeft().unreachable() && deadline.pause(RETRY_DELAY); retry++) {
            answer = await(cluster, deadline, send(cluster, headers, parameters, body, files));
        }
        return answer;
    }

    /** Sends the request without waiting, so that several can be in flight at once; {@link #await} the answer. */
    <R extends RequestBody, P extends ResponseBody, U extends MessageParameters, M extends MessageHeaders<R, P, U>> CompletableFuture<P> send(
            URI cluster, M headers, U parameters, R body, Collection<FileUpload> files) {
        try {
            return client(cluster).sendRequest(cluster.getHost(), port(cluster), headers, parameters, body, files);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    <P> Either<RestFailure, P> await(URI cluster, Deadline deadline, CompletableFuture<P> answer) {
        try {
            return Either.right(answer.get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            answer.cancel(true);
            return Either.left(timeout(cluster));
        } catch (ExecutionException e) {
            return Either.left(RestFailure.of(cluster, e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Either.left(RestFailure.of(cluster, e));
        }
    }

    /** Closes every cluster's client; calls after this fail. */
    @Override
    public void close() {
        CompletableFuture<?>[] closing = clients.values().stream().map(RestClient::closeAsync).toArray(CompletableFuture[]::new);
        clients.clear();
        try {
            CompletableFuture.allOf(closing).get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // best effort: the executor goes either way
        } finally {
            executor.shutdownNow();
        }
    }

    private RestClient client(URI cluster) {
        return clients.computeIfAbsent(cluster, this::newClient);
    }

    private RestClient newClient(URI cluster) {
        Configuration configuration = new Configuration();
        configuration.set(RestOptions.CONNECTION_TIMEOUT, settings.requestTimeout());
        configuration.set(RestOptions.IDLENESS_TIMEOUT, settings.requestTimeout());
        configuration.set(RestOptions.AWAIT_LEADER_TIMEOUT, settings.requestTimeout());
        configuration.set(RestOptions.RETRY_MAX_ATTEMPTS, 0);
        try {
            return RestClient.forUrl(configuration, executor, cluster.toURL());
        } catch (MalformedURLException | org.apache.flink.util.ConfigurationException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a Flink REST endpoint: " + cluster, e);
        }
    }

    private static int port(URI cluster) {
        if (cluster.getPort() != -1) {
            return cluster.getPort();
        }
        return "https".equalsIgnoreCase(cluster.getScheme()) ? 443 : 80;
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "flinkop-flink-rest");
        thread.setDaemon(true);
        return thread;
    }
}
