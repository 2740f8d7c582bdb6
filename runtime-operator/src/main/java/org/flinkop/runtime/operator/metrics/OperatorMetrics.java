package org.flinkop.runtime.operator.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.reconcile.PassOutcome;
import org.flinkop.ports.store.RecordedEvent;

/**
 * What the operator counts, and its scrape in the Prometheus text format: reconcile passes and failures per kind,
 * how long passes take, events emitted, and (read at scrape time) the queue depth, the resources by kind and
 * state, readiness and the JVM's memory and CPU time. Thread-safe.
 */
public final class OperatorMetrics {

    /** What is read at scrape time rather than counted. */
    public interface Gauges {

        /** Resources waiting for a pass. */
        int queueDepth();

        /** How many resources of each kind are in each state (lifecycle state, or snapshot state). */
        Map<ResourceKind, Map<String, Integer>> resourcesByState();

        boolean ready();

        /** Whether this operator acts: it holds the leader Lease, or it runs without leader election. */
        default boolean leader() {
            return true;
        }
    }

    /** Pass durations: API calls take milliseconds, a Flink REST call with retries up to its timeout. */
    private static final double[] DURATION_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private final Map<ResourceKind, LongAdder> passes = new EnumMap<>(ResourceKind.class);
    private final Map<ResourceKind, Histogram> durations = new EnumMap<>(ResourceKind.class);
    private final ConcurrentMap<Map<String, String>, LongAdder> failures = new ConcurrentHashMap<>();
    private final ConcurrentMap<Map<String, String>, LongAdder> events = new ConcurrentHashMap<>();
    private final JvmGauges jvm = new JvmGauges();

    public OperatorMetrics() {
        for (ResourceKind kind : ResourceKind.values()) {
            passes.put(kind, new LongAdder());
            durations.put(kind, new Histogram(DURATION_BUCKETS));
        }
    }

    public void passFinished(ResourceKind kind, Duration took, PassOutcome outcome) {
        passes.get(kind).increment();
        durations.get(kind).observe(took.toNanos() / 1e9);
        outcome.failure().map(PortFailure::reason).forEach(reason -> failures.computeIfAbsent(labels("kind", kind.spelling(), "reason", reason.name()),
                k -> new LongAdder()).increment());
    }

    public void eventRecorded(ResourceKind kind, RecordedEvent event) {
        events.computeIfAbsent(labels("kind", kind.spelling(), "type", event.type().name(), "reason", event.reason().name()), k -> new LongAdder())
                .increment();
    }

    public String scrape(Gauges gauges) {
        PrometheusText out = new PrometheusText();
        out.family("flinkop_reconcile_passes_total", PrometheusText.Type.COUNTER, "Reconcile passes run, by resource kind.");
        passes.forEach((kind, count) -> out.sample("flinkop_reconcile_passes_total", labels("kind", kind.spelling()), count.sum()));
        out.family("flinkop_reconcile_failures_total", PrometheusText.Type.COUNTER,
                "Reconcile passes that failed (retried with backoff), by resource kind and failure reason.");
        sorted(failures).forEach((labels, count) -> out.sample("flinkop_reconcile_failures_total", labels, count.sum()));
        out.family("flinkop_reconcile_duration_seconds", PrometheusText.Type.HISTOGRAM, "How long reconcile passes take, by resource kind.");
        durations.forEach((kind, histogram) -> histogram.write(out, "flinkop_reconcile_duration_seconds", labels("kind", kind.spelling())));
        out.family("flinkop_events_total", PrometheusText.Type.COUNTER, "Events recorded about resources, by kind, event type and reason.");
        sorted(events).forEach((labels, count) -> out.sample("flinkop_events_total", labels, count.sum()));
        out.family("flinkop_queue_depth", PrometheusText.Type.GAUGE, "Resources waiting for a reconcile pass.");
        out.sample("flinkop_queue_depth", gauges.queueDepth());
        out.family("flinkop_resources", PrometheusText.Type.GAUGE, "Managed resources, by kind and state (lifecycle state; snapshot state for snapshots).");
        gauges.resourcesByState().forEach((kind, states) -> states.forEach((state, count) ->
                out.sample("flinkop_resources", labels("kind", kind.spelling(), "state", state), count)));
        out.family("flinkop_ready", PrometheusText.Type.GAUGE, "1 once the informers have synced and the control loop runs, else 0.");
        out.sample("flinkop_ready", gauges.ready() ? 1 : 0);
        out.family("flinkop_leader", PrometheusText.Type.GAUGE, "1 while this operator acts (it holds the leader Lease, or runs without leader election), else 0.");
        out.sample("flinkop_leader", gauges.leader() ? 1 : 0);
        jvm.write(out);
        return out.toString();
    }

    private static Map<String, String> labels(String... namesAndValues) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            labels.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(labels);
    }

    /** Samples in a stable order, so that two scrapes list them alike. */
    private static Map<Map<String, String>, LongAdder> sorted(Map<Map<String, String>, LongAdder> counters) {
        Map<Map<String, String>, LongAdder> ordered = new LinkedHashMap<>();
        counters.entrySet().stream().sorted(java.util.Comparator.comparing(e -> e.getKey().toString()))
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }
}
