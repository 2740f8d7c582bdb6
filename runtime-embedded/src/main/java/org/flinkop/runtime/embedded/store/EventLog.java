package org.flinkop.runtime.embedded.store;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flinkop.domain.decision.Action.EventType;
import org.flinkop.domain.decision.EventReason;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.ports.store.RecordedEvent;

/**
 * The recent events of each resource, oldest first, at most {@value #PER_RESOURCE} per resource, in memory and in
 * one file per resource rewritten whole on every event, so that they are still there after a restart. Reads are
 * safe from any thread; the caller serialises changes to one resource (they share its file).
 */
final class EventLog {

    static final int PER_RESOURCE = 50;

    private final Map<ResourceKey, List<RecordedEvent>> events = new ConcurrentHashMap<>();
    private final StoreLayout layout;
    private final DurableFiles files;

    EventLog(StoreLayout layout, DurableFiles files, Map<ResourceKey, List<RecordedEvent>> recovered) {
        this.layout = layout;
        this.files = files;
        this.events.putAll(recovered);
    }

    List<RecordedEvent> events(ResourceKey key) {
        return events.getOrDefault(key, List.empty());
    }

    int resources() {
        return events.size();
    }

    /** Keeps {@code event} in memory, then on disk. */
    void record(ResourceKey key, RecordedEvent event) throws IOException {
        List<RecordedEvent> kept = events.getOrDefault(key, List.empty()).append(event).takeRight(PER_RESOURCE);
        events.put(key, kept);
        files.write(layout.eventsFile(key), encode(kept));
    }

    /** Drops the events of a resource that is gone. */
    void forget(ResourceKey key) throws IOException {
        events.remove(key);
        files.delete(layout.eventsFile(key));
    }

    static byte[] encode(List<RecordedEvent> events) {
        java.util.List<Map<String, Object>> entries = new java.util.ArrayList<>();
        for (RecordedEvent event : events) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("at", event.at().toString());
            entry.put("reason", event.reason().name());
            entry.put("type", event.type().name());
            entry.put("message", event.message());
            entries.add(entry);
        }
        return ResourceCodec.write(Map.of("events", entries));
    }

    /** The events in an events file, or why it cannot be read. */
    static Either<String, List<RecordedEvent>> decode(byte[] content) {
        return ResourceCodec.document(content).flatMap(tree -> {
            if (!(tree instanceof Map<?, ?> map) || !(map.get("events") instanceof java.util.List<?> entries)) {
                return Either.left("it is not a map with a list of events under 'events'");
            }
            List<RecordedEvent> decoded = List.empty();
            for (int i = 0; i < entries.size(); i++) {
                Either<String, RecordedEvent> event = decodeEvent(entries.get(i));
                if (event.isLeft()) {
                    return Either.left("events[" + i + "]: " + event.getLeft());
                }
                decoded = decoded.append(event.get());
            }
            return Either.right(decoded.takeRight(PER_RESOURCE));
        });
    }

    private static Either<String, RecordedEvent> decodeEvent(Object node) {
        if (!(node instanceof Map<?, ?> entry)) {
            return Either.left("not a map");
        }
        Option<Instant> at = Option.of(entry.get("at")).flatMap(EventLog::instant);
        Option<EventReason> reason = constant(EventReason.class, entry.get("reason"));
        Option<EventType> type = constant(EventType.class, entry.get("type"));
        Object message = entry.get("message");
        if (at.isEmpty() || reason.isEmpty() || type.isEmpty() || !(message instanceof String text)) {
            return Either.left("needs 'at' (an RFC 3339 time), 'reason' (one of " + List.of(EventReason.values()).mkString(", ")
                    + "), 'type' (NORMAL or WARNING) and 'message'; has " + entry);
        }
        return Either.right(new RecordedEvent(at.get(), reason.get(), type.get(), text));
    }

    private static Option<Instant> instant(Object value) {
        try {
            return Option.of(Instant.parse(value.toString()));
        } catch (DateTimeParseException e) {
            return Option.none();
        }
    }

    private static <E extends Enum<E>> Option<E> constant(Class<E> type, Object value) {
        return List.of(type.getEnumConstants()).find(c -> c.name().equals(value));
    }
}
