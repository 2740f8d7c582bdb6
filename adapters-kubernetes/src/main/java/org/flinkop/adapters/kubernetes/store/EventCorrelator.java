package org.flinkop.adapters.kubernetes.store;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.flinkop.domain.decision.Action.EventType;
import org.flinkop.domain.decision.EventReason;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.ports.store.RecordedEvent;

/**
 * Decides what recording an event means for the API server: a new Event object, one more occurrence of an
 * Event already written (the same reason, type and message about the same object, last seen within the window),
 * or nothing, when the object has had more events than its budget allows (a token bucket per object: a burst,
 * then one event per refill period). Time is the events' own, so the outcome depends on its inputs only. Not
 * thread-safe: one thread writes events.
 */
final class EventCorrelator {

    /** Above this many remembered events, those whose window has passed are forgotten. */
    private static final int REMEMBERED = 4096;
    private static final int MAX_BASE_NAME = 200;

    sealed interface Outcome {
    }

    /** Write a new Event of this name, for its first occurrence. */
    record Create(String name, Occurrences occurrences) implements Outcome {
    }

    /** Raise the count of the Event of this name. */
    record Increment(String name, Occurrences occurrences) implements Outcome {
    }

    /** Write nothing: the object is over its event budget. */
    record Drop() implements Outcome {
    }

    record Occurrences(int count, Instant first, Instant last) {
    }

    private record Signature(ResourceKey key, EventReason reason, EventType type, String message) {
    }

    private record Seen(String name, Occurrences occurrences) {
    }

    private static final class Bucket {
        private double tokens;
        private Instant at;

        Bucket(double tokens, Instant at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    private final Duration window;
    private final int burst;
    private final Duration refillEvery;
    private final Map<Signature, Seen> seen = new HashMap<>();
    private final Map<ResourceKey, Bucket> buckets = new HashMap<>();
    private long sequence;

    EventCorrelator(Duration window, int burst, Duration refillEvery) {
        this.window = window;
        this.burst = burst;
        this.refillEvery = refillEvery;
    }

    Outcome correlate(ResourceKey key, RecordedEvent event) {
        if (!takeToken(key, event.at())) {
            return new Drop();
        }
        Signature signature = new Signature(key, event.reason(), event.type(), event.message());
        Seen previous = seen.get(signature);
        if (previous != null && !event.at().isAfter(previous.occurrences().last().plus(window))) {
            Occurrences before = previous.occurrences();
            Instant last = event.at().isAfter(before.last()) ? event.at() : before.last();
            Occurrences now = new Occurrences(before.count() + 1, before.first(), last);
            seen.put(signature, new Seen(previous.name(), now));
            return new Increment(previous.name(), now);
        }
        forgetExpired(event.at());
        Occurrences first = new Occurrences(1, event.at(), event.at());
        String name = name(key, event.at());
        seen.put(signature, new Seen(name, first));
        return new Create(name, first);
    }

    /** Writing the event failed or its Event is gone: its next occurrence writes a new one. */
    void forget(ResourceKey key, RecordedEvent event) {
        seen.remove(new Signature(key, event.reason(), event.type(), event.message()));
    }

    private boolean takeToken(ResourceKey key, Instant at) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, at));
        if (at.isAfter(bucket.at)) {
            double refilled = (double) Duration.between(bucket.at, at).toNanos() / refillEvery.toNanos();
            bucket.tokens = Math.min(burst, bucket.tokens + refilled);
            bucket.at = at;
        }
        if (bucket.tokens < 1) {
            return false;
        }
        bucket.tokens -= 1;
        return true;
    }

    private void forgetExpired(Instant now) {
        if (seen.size() < REMEMBERED) {
            return;
        }
        seen.values().removeIf(s -> now.isAfter(s.occurrences().last().plus(window)));
        // a bucket that has refilled completely is the same as no bucket
        buckets.values().removeIf(b -> b.tokens + (double) Duration.between(b.at, now).toNanos() / refillEvery.toNanos() >= burst);
    }

    /** Unique per correlator and time, like the names Kubernetes' own components give events: {@code <object>.<hex nanos><hex sequence>}. */
    private String name(ResourceKey key, Instant at) {
        String base = key.name().length() > MAX_BASE_NAME ? key.name().substring(0, MAX_BASE_NAME) : key.name();
        long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
        return base + "." + Long.toHexString(nanos) + Long.toHexString(sequence++);
    }
}
