package org.flinkop.runtime.operator.reconcile;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Map;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.store.RecordedEvent;
import org.flinkop.ports.store.ResourceStore;
import org.flinkop.runtime.operator.logging.OperatorLog;
import org.flinkop.runtime.operator.logging.SecretMasker;
import org.flinkop.runtime.operator.metrics.OperatorMetrics;

/**
 * The store as passes see it: every event has its secrets masked before it becomes a Kubernetes Event, is counted,
 * and is logged as one line about its resource. Everything else goes to the store unchanged.
 */
public final class ReportingStore implements ResourceStore {

    private final ResourceStore store;
    private final SecretMasker masker;
    private final OperatorMetrics metrics;
    private final OperatorLog log;

    public ReportingStore(ResourceStore store, SecretMasker masker, OperatorMetrics metrics, OperatorLog log) {
        this.store = store;
        this.masker = masker;
        this.metrics = metrics;
        this.log = log;
    }

    @Override
    public void recordEvent(ResourceKey key, RecordedEvent event) {
        RecordedEvent masked = new RecordedEvent(event.at(), event.reason(), event.type(), masker.mask(event.message()));
        metrics.eventRecorded(key.kind(), masked);
        Map<String, Object> fields = OperatorLog.about(key);
        fields.put("type", masked.type().name());
        fields.put("reason", masked.reason().name());
        fields.put("message", masked.message());
        log.info("event", fields);
        store.recordEvent(key, masked);
    }

    @Override
    public Option<FlinkResource> get(ResourceKey key) {
        return store.get(key);
    }

    @Override
    public List<FlinkResource> list(ResourceKind kind) {
        return store.list(kind);
    }

    @Override
    public Either<PortFailure, FlinkResource> apply(FlinkResource resource) {
        return store.apply(resource);
    }

    @Override
    public Either<PortFailure, FlinkResource> writeStatus(FlinkResource resource) {
        return store.writeStatus(resource);
    }

    @Override
    public Either<PortFailure, FlinkResource> addFinalizer(ResourceKey key, String finalizer) {
        return store.addFinalizer(key, finalizer);
    }

    @Override
    public Either<PortFailure, Option<FlinkResource>> removeFinalizer(ResourceKey key, String finalizer) {
        return store.removeFinalizer(key, finalizer);
    }

    @Override
    public Either<PortFailure, Done> delete(ResourceKey key) {
        return store.delete(key);
    }

    @Override
    public AutoCloseable watch(ChangeListener listener) {
        return store.watch(listener);
    }
}
