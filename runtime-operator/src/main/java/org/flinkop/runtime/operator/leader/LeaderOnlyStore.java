package org.flinkop.runtime.operator.leader;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.store.RecordedEvent;
import org.flinkop.ports.store.ResourceStore;

/** The store as the passes see it: reads always, writes and events only while this operator leads (see {@link LeaderOnly}). */
public final class LeaderOnlyStore implements ResourceStore {

    private final ResourceStore store;
    private final LeaderOnly gate;

    public LeaderOnlyStore(ResourceStore store, Leadership leadership) {
        this.store = store;
        this.gate = new LeaderOnly(leadership);
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
        return gate.call(() -> store.apply(resource));
    }

    @Override
    public Either<PortFailure, FlinkResource> writeStatus(FlinkResource resource) {
        return gate.call(() -> store.writeStatus(resource));
    }

    @Override
    public Either<PortFailure, FlinkResource> addFinalizer(ResourceKey key, String finalizer) {
        return gate.call(() -> store.addFinalizer(key, finalizer));
    }

    @Override
    public Either<PortFailure, Option<FlinkResource>> removeFinalizer(ResourceKey key, String finalizer) {
        return gate.call(() -> store.removeFinalizer(key, finalizer));
    }

    @Override
    public Either<PortFailure, Done> delete(ResourceKey key) {
        return gate.call(() -> store.delete(key));
    }

    /** An event is dropped when this operator does not lead: the leader records its own. */
    @Override
    public void recordEvent(ResourceKey key, RecordedEvent event) {
        if (gate.acting()) {
            store.recordEvent(key, event);
        }
    }

    @Override
    public List<RecordedEvent> events(ResourceKey key) {
        return store.events(key);
    }

    @Override
    public AutoCloseable watch(ChangeListener listener) {
        return store.watch(listener);
    }
}
