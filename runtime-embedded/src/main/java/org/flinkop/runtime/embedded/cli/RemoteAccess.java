package org.flinkop.runtime.embedded.cli;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.Done;
import org.flinkop.ports.api.OperatorApi.Refusal;
import org.flinkop.ports.store.RecordedEvent;

/** The operator {@code flinkctl run} runs on a work directory, reached over its loopback HTTP API ({@link RunServer}). */
final class RemoteAccess implements OperatorAccess {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final RunFile run;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    RemoteAccess(Path directory, RunFile run) {
        this.directory = directory;
        this.run = run;
    }

    @Override
    public Either<Refusal, FlinkResource> apply(Object document) {
        Map<String, Object> answer = call("apply", Map.of("document", document));
        return answer.containsKey("refusal") ? Either.left(Wire.refusal(answer.get("refusal"))) : Either.right(Wire.resource(answer.get("resource")));
    }

    @Override
    public Either<Refusal, Planned> plan(Object document) {
        Map<String, Object> answer = call("plan", Map.of("document", document));
        if (answer.containsKey("refusal")) {
            return Either.left(Wire.refusal(answer.get("refusal")));
        }
        Map<?, ?> planned = (Map<?, ?>) answer.get("planned");
        return Either.right(new Planned(Wire.key(planned.get("key")),
                ((java.util.List<?>) planned.get("steps")).stream().map(String::valueOf).toList()));
    }

    @Override
    public Option<FlinkResource> get(ResourceKey key) {
        return Option.of(call("get", Map.of("key", Wire.key(key))).get("resource")).map(Wire::resource);
    }

    @Override
    public List<FlinkResource> list(ResourceKind kind) {
        return List.ofAll((java.util.List<?>) call("list", Map.of("kind", kind.name())).get("resources")).map(Wire::resource);
    }

    @Override
    public Either<Refusal, Done> delete(ResourceKey key) {
        Map<String, Object> answer = call("delete", Map.of("key", Wire.key(key)));
        return answer.containsKey("refusal") ? Either.left(Wire.refusal(answer.get("refusal"))) : Either.right(Done.DONE);
    }

    @Override
    public List<RecordedEvent> events(ResourceKey key) {
        return List.ofAll((java.util.List<?>) call("events", Map.of("key", Wire.key(key))).get("events")).map(Wire::event);
    }

    private Map<String, Object> call(String operation, Map<String, Object> request) {
        HttpRequest post = HttpRequest.newBuilder(run.address().resolve("/v1/" + operation)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + run.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Wire.write(request))).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(post, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(holder() + " did not answer (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for " + holder());
        }
        Map<String, Object> answer = Wire.read(response.body());
        if (response.statusCode() != 200) {
            throw failure(holder() + " answered " + response.statusCode() + ": " + answer.get("error"));
        }
        return answer;
    }

    private static UncheckedIOException failure(String message) {
        return new UncheckedIOException(message, new IOException(message));
    }

    private String holder() {
        return "the operator flinkctl run runs on " + directory + " (process " + run.pid() + ")";
    }

    @Override
    public void close() {
        // the operator is run's; nothing of this command's is open but the client's idle connections
    }
}
