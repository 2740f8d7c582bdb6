package org.flinkop.runtime.operator.reconcile;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.store.RecordedEvent;
import org.flinkop.ports.store.ResourceStore;

/**
 * The store, remembering the version of each resource the operator's own passes last wrote (a status, a finalizer),
 * so that the control loop is not fed the echo of those writes: the pass that wrote has already decided when to
 * look again, and a pass for its own echo would only repeat its API calls. A change by anyone else makes the stored
 * version differ from the remembered one, and is passed on as usual.
 */
public final class OwnWrites implements ResourceStore {

    private final ResourceStore store;
    private final Map<ResourceKey, String> written = new ConcurrentHashMap<>();

    public OwnWrites(ResourceStore store) {
        this.store = store;
    }

    /** Whether what the store holds for {@code key} now is exactly what this operator last wrote. */
    boolean isEcho(ResourceKey key) {
        String mine = written.get(key);
        return mine != null && store.get(key).exists(r -> Objects.equals(r.metadata().resourceVersion(), mine));
    }

    private Either<PortFailure, FlinkResource> remember(Either<PortFailure, FlinkResource> result) {
        result.forEach(stored -> written.put(ResourceKey.of(stored), String.valueOf(stored.metadata().resourceVersion())));
        return result;
    }

    @Override
    public Either<PortFailure, FlinkResource> writeStatus(FlinkResource resource) {
        return remember(store.writeStatus(resource));
    }

    @Override
    public Either<PortFailure, FlinkResource> addFinalizer(ResourceKey key, String finalizer) {
        return remember(store.addFinalizer(key, finalizer));
    }

    @Override
    public Either<PortFailure, Option<FlinkResource>> removeFinalizer(ResourceKey key, String finalizer) {
        Either<PortFailure, Option<FlinkResource>> result = store.removeFinalizer(key, finalizer);
        result.forEach(stored -> {
            if (stored.isEmpty()) {
                written.remove(key);
            } else {
                written.put(key, String.valueOf(stored.get().metadata().resourceVersion()));
            }
        });
        return result;
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
    public Either<PortFailure, Done> delete(ResourceKey key) {
        return store.delete(key);
    }

    @Override
    public void recordEvent(ResourceKey key, RecordedEvent event) {
        store.recordEvent(key, event);
    }

    /** Watches the store, leaving out the echoes of this operator's own writes. */
    @Override
    public AutoCloseable watch(ChangeListener listener) {
        return store.watch(key -> {
            if (!isEcho(key)) {
                listener.changed(key);
            }
        });
    }
}
