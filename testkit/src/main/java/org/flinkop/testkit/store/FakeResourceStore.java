package org.flinkop.testkit.store;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.FlinkStateSnapshot;
import org.flinkop.domain.resource.ObjectMeta;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.store.RecordedEvent;
import org.flinkop.ports.store.ResourceStore;

/**
 * A resource store in memory that behaves like the Kubernetes API server where the operator can tell: every
 * write gets a new resourceVersion, a status write with a stale one is a {@code CONFLICT}, a spec change bumps
 * the generation, deletion waits for finalizers. Ids are counters, not random. Thread-safe; listeners are called
 * on the writing thread, after the write, outside the lock.
 */
public final class FakeResourceStore implements ResourceStore {

    private final Clock clock;
    private final Map<ResourceKey, FlinkResource> resources = new LinkedHashMap<>();
    private final java.util.List<Map.Entry<ResourceKey, RecordedEvent>> events = new ArrayList<>();
    private final java.util.List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final java.util.Set<ResourceKey> conflictOnNextStatusWrite = new java.util.HashSet<>();
    private long versions;
    private long uids;

    public FakeResourceStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Option<FlinkResource> get(ResourceKey key) {
        return Option.of(resources.get(key));
    }

    @Override
    public synchronized List<FlinkResource> list(ResourceKind kind) {
        return List.ofAll(resources.values()).filter(r -> r.kind() == kind);
    }

    @Override
    public Either<PortFailure, FlinkResource> apply(FlinkResource resource) {
        ResourceKey key = ResourceKey.of(resource);
        FlinkResource stored;
        synchronized (this) {
            FlinkResource existing = resources.get(key);
            if (existing == null) {
                ObjectMeta m = resource.metadata();
                stored = with(resource, new ObjectMeta(m.name(), m.namespace(), "uid-" + (++uids), version(), 1L, clock.instant(), null,
                        m.labels(), m.annotations(), m.finalizers()), null);
            } else {
                if (existing.metadata().deletionTimestamp() != null) {
                    return Either.left(PortFailure.of(PortFailure.Reason.CONFLICT, key + " is being deleted"));
                }
                boolean specChanged = !Objects.equals(existing.spec(), resource.spec());
                boolean metaChanged = !existing.metadata().labels().equals(resource.metadata().labels())
                        || !existing.metadata().annotations().equals(resource.metadata().annotations());
                if (!specChanged && !metaChanged) {
                    return Either.right(existing);
                }
                ObjectMeta m = existing.metadata();
                long generation = m.generation() + (specChanged ? 1 : 0);
                stored = with(resource, new ObjectMeta(m.name(), m.namespace(), m.uid(), version(), generation, m.creationTimestamp(), null,
                        resource.metadata().labels(), resource.metadata().annotations(), m.finalizers()), existing.status());
            }
            resources.put(key, stored);
        }
        notifyChanged(key);
        return Either.right(stored);
    }

    @Override
    public Either<PortFailure, FlinkResource> writeStatus(FlinkResource resource) {
        ResourceKey key = ResourceKey.of(resource);
        FlinkResource stored;
        synchronized (this) {
            FlinkResource existing = resources.get(key);
            if (existing == null) {
                return Either.left(PortFailure.of(PortFailure.Reason.NOT_FOUND, key + " does not exist"));
            }
            if (conflictOnNextStatusWrite.remove(key)) {
                existing = with(existing, withVersion(existing.metadata(), version()), status(existing));
                resources.put(key, existing);
            }
            if (!Objects.equals(existing.metadata().resourceVersion(), resource.metadata().resourceVersion())) {
                return Either.left(PortFailure.of(PortFailure.Reason.CONFLICT, "the object has been modified; resourceVersion "
                        + resource.metadata().resourceVersion() + " is stale, the stored one is " + existing.metadata().resourceVersion()));
            }
            stored = with(existing, withVersion(existing.metadata(), version()), status(resource));
            resources.put(key, stored);
        }
        notifyChanged(key);
        return Either.right(stored);
    }

    @Override
    public Either<PortFailure, FlinkResource> addFinalizer(ResourceKey key, String finalizer) {
        FlinkResource stored;
        synchronized (this) {
            FlinkResource existing = resources.get(key);
            if (existing == null) {
                return Either.left(PortFailure.of(PortFailure.Reason.NOT_FOUND, key + " does not exist"));
            }
            if (existing.metadata().finalizers().contains(finalizer)) {
                return Either.right(existing);
            }
            java.util.List<String> finalizers = new ArrayList<>(existing.metadata().finalizers());
            finalizers.add(finalizer);
            stored = with(existing, withFinalizers(existing.metadata(), finalizers), status(existing));
            resources.put(key, stored);
        }
        notifyChanged(key);
        return Either.right(stored);
    }

    @Override
    public Either<PortFailure, Option<FlinkResource>> removeFinalizer(ResourceKey key, String finalizer) {
        Option<FlinkResource> result;
        synchronized (this) {
            FlinkResource existing = resources.get(key);
            if (existing == null) {
                return Either.right(Option.none());
            }
            java.util.List<String> finalizers = new ArrayList<>(existing.metadata().finalizers());
            finalizers.remove(finalizer);
            if (finalizers.isEmpty() && existing.metadata().deletionTimestamp() != null) {
                resources.remove(key);
                result = Option.none();
            } else {
                FlinkResource stored = with(existing, withFinalizers(existing.metadata(), finalizers), status(existing));
                resources.put(key, stored);
                result = Option.of(stored);
            }
        }
        notifyChanged(key);
        return Either.right(result);
    }

    @Override
    public Either<PortFailure, Done> delete(ResourceKey key) {
        synchronized (this) {
            FlinkResource existing = resources.get(key);
            if (existing == null) {
                return Either.left(PortFailure.of(PortFailure.Reason.NOT_FOUND, key + " does not exist"));
            }
            if (existing.metadata().finalizers().isEmpty()) {
                resources.remove(key);
            } else if (existing.metadata().deletionTimestamp() == null) {
                ObjectMeta m = existing.metadata();
                resources.put(key, with(existing, new ObjectMeta(m.name(), m.namespace(), m.uid(), version(), m.generation(), m.creationTimestamp(),
                        clock.instant(), m.labels(), m.annotations(), m.finalizers()), status(existing)));
            }
        }
        notifyChanged(key);
        return Either.right(Done.DONE);
    }

    @Override
    public synchronized void recordEvent(ResourceKey key, RecordedEvent event) {
        events.add(Map.entry(key, event));
    }

    @Override
    public AutoCloseable watch(ChangeListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The events recorded for {@code key}, oldest first. */
    @Override
    public synchronized List<RecordedEvent> events(ResourceKey key) {
        return List.ofAll(events).filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue);
    }

    /** Fault: a concurrent writer changes the object just before the next status write for {@code key}. */
    public synchronized void conflictOnNextStatusWrite(ResourceKey key) {
        conflictOnNextStatusWrite.add(key);
    }

    private void notifyChanged(ResourceKey key) {
        listeners.forEach(l -> l.changed(key));
    }

    private String version() {
        return Long.toString(++versions);
    }

    private static ObjectMeta withVersion(ObjectMeta m, String version) {
        return new ObjectMeta(m.name(), m.namespace(), m.uid(), version, m.generation(), m.creationTimestamp(), m.deletionTimestamp(), m.labels(),
                m.annotations(), m.finalizers());
    }

    private ObjectMeta withFinalizers(ObjectMeta m, java.util.List<String> finalizers) {
        return new ObjectMeta(m.name(), m.namespace(), m.uid(), version(), m.generation(), m.creationTimestamp(), m.deletionTimestamp(), m.labels(),
                m.annotations(), finalizers);
    }

    private static Object status(FlinkResource r) {
        return r.status();
    }

    /** The same kind of resource with other metadata and status. */
    private static FlinkResource with(FlinkResource r, ObjectMeta meta, Object status) {
        if (r instanceof FlinkDeployment d) {
            return new FlinkDeployment(meta, d.spec(), (org.flinkop.domain.resource.FlinkDeploymentStatus) status);
        }
        if (r instanceof FlinkSessionJob j) {
            return new FlinkSessionJob(meta, j.spec(), (org.flinkop.domain.resource.FlinkSessionJobStatus) status);
        }
        FlinkStateSnapshot s = (FlinkStateSnapshot) r;
        return new FlinkStateSnapshot(meta, s.spec(), (org.flinkop.domain.resource.FlinkStateSnapshotStatus) status);
    }
}
