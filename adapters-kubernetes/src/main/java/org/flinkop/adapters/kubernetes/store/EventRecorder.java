package org.flinkop.adapters.kubernetes.store;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.flinkop.domain.decision.Action.EventType;
import org.flinkop.domain.decision.EventReason;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.store.RecordedEvent;

/**
 * Writes recorded events as core/v1 Events, on a thread of its own so that the caller never waits for the API
 * server, in the order they were recorded. Repeats raise the count of one Event; an object over its event budget
 * gets no more until its budget refills (see {@link EventCorrelator}). Events are for people to read: when the
 * queue is full or a write fails the event is dropped and logged, never reported to the caller.
 */
final class EventRecorder implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EventRecorder.class.getName());
    private static final int QUEUE = 1024;
    private static final long CLOSE_GRACE_SECONDS = 5;

    private final KubernetesClient client;
    private final String component;
    private final Function<ResourceKey, Option<FlinkResource>> lookup;
    private final EventCorrelator correlator;
    private final ThreadPoolExecutor writer;

    EventRecorder(KubernetesClient client, KubernetesStoreSettings settings, Function<ResourceKey, Option<FlinkResource>> lookup) {
        this.client = client;
        this.component = settings.component();
        this.lookup = lookup;
        this.correlator = new EventCorrelator(settings.eventWindow(), settings.eventBurst(), settings.eventRefill());
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), runnable -> {
            Thread thread = new Thread(runnable, "flinkop-events");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues the event for writing; never blocks on the API server and never throws. */
    void record(ResourceKey key, RecordedEvent event) {
        try {
            writer.execute(() -> write(key, event));
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "event dropped, too many waiting to be written: {0} {1} {2}", key, event.reason(), event.message());
        }
    }

    /** Writes the events already queued, for a few seconds at most, then stops. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(CLOSE_GRACE_SECONDS, TimeUnit.SECONDS)) {
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            writer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void write(ResourceKey key, RecordedEvent event) {
        try {
            EventCorrelator.Outcome outcome = correlator.correlate(key, event);
            Either<PortFailure, ?> written;
            if (outcome instanceof EventCorrelator.Create create) {
                written = create(key, event, create.name(), create.occurrences());
            } else if (outcome instanceof EventCorrelator.Increment increment) {
                written = increment(key, event, increment);
            } else {
                LOG.log(System.Logger.Level.DEBUG, "event dropped, {0} is over its event budget: {1}", key, event.message());
                written = Either.right(outcome);
            }
            if (written.isLeft()) {
                correlator.forget(key, event);
                LOG.log(System.Logger.Level.WARNING, "event not written for {0}: {1}", key, written.getLeft());
            }
        } catch (RuntimeException e) {
            correlator.forget(key, event);
            LOG.log(System.Logger.Level.WARNING, "event not written for " + key, e);
        }
    }

    private Either<PortFailure, ?> increment(ResourceKey key, RecordedEvent event, EventCorrelator.Increment increment) {
        String patch = "{\"count\":" + increment.occurrences().count() + ",\"lastTimestamp\":\"" + timestamp(increment.occurrences().last()) + "\"}";
        Either<PortFailure, Event> patched = Failures.call(() -> client.v1().events().inNamespace(key.namespace()).withName(increment.name())
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch));
        if (patched.isLeft() && patched.getLeft().reason() == PortFailure.Reason.NOT_FOUND) {
            // the API server let the Event expire: this occurrence starts a new one
            correlator.forget(key, event);
            EventCorrelator.Outcome again = correlator.correlate(key, event);
            if (again instanceof EventCorrelator.Create create) {
                return create(key, event, create.name(), create.occurrences());
            }
        }
        return patched;
    }

    private Either<PortFailure, Event> create(ResourceKey key, RecordedEvent event, String name, EventCorrelator.Occurrences occurrences) {
        String uid = lookup.apply(key).map(r -> r.metadata().uid()).getOrNull();
        Event created = new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(key.namespace()).endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(FlinkResource.API_VERSION).withKind(key.kind().spelling()).withName(key.name()).withNamespace(key.namespace()).withUid(uid)
                .endInvolvedObject()
                .withReason(reason(event.reason()))
                .withMessage(event.message())
                .withType(event.type() == EventType.WARNING ? "Warning" : "Normal")
                .withCount(occurrences.count())
                .withFirstTimestamp(timestamp(occurrences.first()))
                .withLastTimestamp(timestamp(occurrences.last()))
                .withNewSource().withComponent(component).endSource()
                .withReportingComponent(component)
                .build();
        return Failures.call(() -> client.v1().events().inNamespace(key.namespace()).resource(created).create());
    }

    /** {@code SPEC_CHANGED} as Kubernetes spells reasons: {@code SpecChanged}. */
    static String reason(EventReason reason) {
        StringBuilder camel = new StringBuilder();
        for (String word : reason.name().split("_")) {
            camel.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return camel.toString();
    }

    /** Event times are whole seconds in RFC 3339. */
    private static String timestamp(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
