package org.flinkop.runtime.embedded.store;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ObjectMeta;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.store.RecordedEvent;
import org.flinkop.ports.store.ResourceStore;

/**
 * The resource store of the embedded runtime: one JSON file per resource in a local folder, so that resources,
 * with their status and any upgrade in flight, survive a crash of the process or of the machine. See
 * {@link StoreLayout} for the files.
 *
 * <p>Every change is on disk before the call returns, written whole or not at all ({@link DurableFiles}); reads
 * are served from memory, which holds each resource as read back from the bytes of its file, so that what is
 * read before a restart equals what is read after. Changes to one resource are serialised, changes to different
 * resources run in parallel. The store behaves like the Kubernetes API server where the operator can tell (see
 * {@link ResourceStore}): a uid, generation and creation time on create, a new resourceVersion on every change,
 * growing across restarts, {@code CONFLICT} on a stale status write, deletion that waits for finalizers. Each
 * resource keeps its last {@value EventLog#PER_RESOURCE} events.
 *
 * <p>One process at a time may open a folder. Opening reads every file back and reports, in {@link #recovery()},
 * each one it could not take as it was; a resource whose file cannot be read is left out and refused changes
 * until the file is repaired or removed, and the others load. Failures are values: a failed write is
 * {@code UNAVAILABLE} naming the file and the cause, and leaves the stored resource as it was.
 */
public final class FileResourceStore implements ResourceStore, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FileResourceStore.class.getName());
    private static final Comparator<ResourceKey> BY_NAMESPACE_AND_NAME = Comparator
            .comparing(ResourceKey::namespace, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ResourceKey::name);
    private static final int STRIPES = 256;

    private final StoreLayout layout;
    private final DurableFiles files;
    private final Clock clock;
    private final StoreLock lock;
    private final ResourceVersions versions;
    private final EventLog events;
    private final Watchers watchers;
    private final RecoveryReport recovery;
    private final Map<ResourceKind, ConcurrentSkipListMap<ResourceKey, FlinkResource>> resources = new EnumMap<>(ResourceKind.class);
    private final Map<ResourceKey, String> unreadable;
    private final Object[] stripes = new Object[STRIPES];
    // changes hold it shared; close holds it alone, so no change is half done when the lock on the folder goes
    private final ReadWriteLock gate = new ReentrantReadWriteLock();
    private boolean closed;

    private FileResourceStore(StoreLayout layout, DurableFiles files, Clock clock, StoreLock lock, Recovery.Recovered recovered) {
        this.layout = layout;
        this.files = files;
        this.clock = clock;
        this.lock = lock;
        this.versions = new ResourceVersions(recovered.lastVersion(), recovered.persistedVersion(), layout.versionFile(), files);
        this.events = new EventLog(layout, files, recovered.events());
        this.watchers = new Watchers(layout.root().toString());
        this.recovery = recovered.report();
        this.unreadable = Map.copyOf(recovered.unreadable());
        for (ResourceKind kind : ResourceKind.values()) {
            resources.put(kind, new ConcurrentSkipListMap<>(BY_NAMESPACE_AND_NAME));
        }
        recovered.resources().forEach((key, resource) -> resources.get(key.kind()).put(key, resource));
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /**
     * Opens the store in {@code root}, creating the folder if needed, and reads every resource back. Refused
     * ({@code UNAVAILABLE}) when another process has it open, or when the folder cannot be created or listed;
     * files that cannot be read do not refuse it, they are reported in {@link #recovery()}.
     *
     * @param clock gives creation and deletion timestamps
     */
    public static Either<PortFailure, FileResourceStore> open(Path root, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        StoreLayout layout = new StoreLayout(root.toAbsolutePath().normalize());
        DurableFiles files = new DurableFiles();
        try {
            Files.createDirectories(layout.root());
            files.anchor(layout.root());
        } catch (IOException e) {
            return Either.left(PortFailure.of(PortFailure.Reason.UNAVAILABLE, "cannot create the store folder " + layout.root() + ": " + e));
        }
        return StoreLock.acquire(layout.lockFile()).flatMap(lock -> {
            try {
                return Either.right(new FileResourceStore(layout, files, clock, lock, Recovery.recover(layout, files)));
            } catch (IOException | RuntimeException e) {
                closeQuietly(lock);
                return Either.left(PortFailure.of(PortFailure.Reason.UNAVAILABLE, "cannot read the store " + layout.root() + ": " + e));
            }
        });
    }

    /** What opening found: the resources loaded and the files not taken as they were. */
    public RecoveryReport recovery() {
        return recovery;
    }

    public Path root() {
        return layout.root();
    }

    /** The last events recorded for {@code key}, oldest first, also those recorded before the store was last opened. */
    @Override
    public List<RecordedEvent> events(ResourceKey key) {
        return events.events(key);
    }

    @Override
    public Option<FlinkResource> get(ResourceKey key) {
        return Option.of(resources.get(key.kind()).get(key));
    }

    @Override
    public List<FlinkResource> list(ResourceKind kind) {
        return List.ofAll(resources.get(kind).values());
    }

    @Override
    public Either<PortFailure, FlinkResource> apply(FlinkResource resource) {
        if (resource.metadata().name() == null) {
            return Either.left(PortFailure.of(PortFailure.Reason.REJECTED, "metadata.name: missing (allowed: the name of the resource)"));
        }
        ResourceKey key = ResourceKey.of(resource);
        return change(key, () -> {
            FlinkResource existing = stored(key);
            if (existing == null) {
                ObjectMeta m = resource.metadata();
                return write(Revisions.with(resource, new ObjectMeta(m.name(), m.namespace(), UUID.randomUUID().toString(), versions.next(null),
                        1L, clock.instant(), null, m.labels(), m.annotations(), m.finalizers()), null));
            }
            if (existing.metadata().deletionTimestamp() != null) {
                return Either.left(PortFailure.of(PortFailure.Reason.CONFLICT, key + " is being deleted"));
            }
            boolean specChanged = !Objects.equals(existing.spec(), resource.spec());
            ObjectMeta m = existing.metadata();
            ObjectMeta given = resource.metadata();
            if (!specChanged && m.labels().equals(given.labels()) && m.annotations().equals(given.annotations())) {
                return Either.right(existing);
            }
            return write(Revisions.with(resource, new ObjectMeta(m.name(), m.namespace(), m.uid(), versions.next(m.resourceVersion()),
                    m.generation() + (specChanged ? 1 : 0), m.creationTimestamp(), null, given.labels(), given.annotations(), m.finalizers()),
                    existing.status()));
        });
    }

    @Override
    public Either<PortFailure, FlinkResource> writeStatus(FlinkResource resource) {
        ResourceKey key = ResourceKey.of(resource);
        return change(key, () -> {
            FlinkResource existing = stored(key);
            if (existing == null) {
                return Either.left(notFound(key));
            }
            String version = existing.metadata().resourceVersion();
            if (!version.equals(resource.metadata().resourceVersion())) {
                return Either.left(PortFailure.of(PortFailure.Reason.CONFLICT, "the object has been modified; resourceVersion "
                        + resource.metadata().resourceVersion() + " is stale, the stored one is " + version));
            }
            return write(Revisions.with(existing, Revisions.withVersion(existing.metadata(), versions.next(version)), resource.status()));
        });
    }

    @Override
    public Either<PortFailure, FlinkResource> addFinalizer(ResourceKey key, String finalizer) {
        return change(key, () -> {
            FlinkResource existing = stored(key);
            if (existing == null) {
                return Either.left(notFound(key));
            }
            ObjectMeta m = existing.metadata();
            if (m.finalizers().contains(finalizer)) {
                return Either.right(existing);
            }
            java.util.List<String> finalizers = new ArrayList<>(m.finalizers());
            finalizers.add(finalizer);
            return write(Revisions.with(existing, Revisions.withFinalizers(m, versions.next(m.resourceVersion()), finalizers), existing.status()));
        });
    }

    @Override
    public Either<PortFailure, Option<FlinkResource>> removeFinalizer(ResourceKey key, String finalizer) {
        return change(key, () -> {
            FlinkResource existing = stored(key);
            if (existing == null) {
                return Either.right(Option.none());
            }
            ObjectMeta m = existing.metadata();
            if (!m.finalizers().contains(finalizer)) {
                return Either.right(Option.of(existing));
            }
            java.util.List<String> finalizers = new ArrayList<>(m.finalizers());
            finalizers.remove(finalizer);
            if (finalizers.isEmpty() && m.deletionTimestamp() != null) {
                return remove(existing).map(done -> Option.none());
            }
            return write(Revisions.with(existing, Revisions.withFinalizers(m, versions.next(m.resourceVersion()), finalizers), existing.status()))
                    .map(Option::of);
        });
    }

    @Override
    public Either<PortFailure, Done> delete(ResourceKey key) {
        return change(key, () -> {
            FlinkResource existing = stored(key);
            if (existing == null) {
                return Either.left(notFound(key));
            }
            ObjectMeta m = existing.metadata();
            if (m.finalizers().isEmpty()) {
                return remove(existing);
            }
            if (m.deletionTimestamp() != null) {
                return Either.right(Done.DONE);
            }
            return write(Revisions.with(existing, Revisions.withDeletion(m, versions.next(m.resourceVersion()), clock.instant()), existing.status()))
                    .map(written -> Done.DONE);
        });
    }

    @Override
    public void recordEvent(ResourceKey key, RecordedEvent event) {
        Either<PortFailure, Done> recorded = change(key, () -> {
            try {
                events.record(key, event);
                return Either.right(Done.DONE);
            } catch (IOException e) {
                return Either.left(PortFailure.of(PortFailure.Reason.UNAVAILABLE, "cannot write " + layout.eventsFile(key) + ": " + e));
            }
        });
        // best effort by contract: the event stays in memory even when it could not be written
        recorded.peekLeft(failure -> LOG.log(System.Logger.Level.WARNING, "event of " + key + " not persisted: " + failure));
    }

    @Override
    public AutoCloseable watch(ChangeListener listener) {
        return watchers.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Stops the store: changes after this are refused, and the folder may be opened by another process. */
    @Override
    public void close() {
        gate.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            watchers.close();
            closeQuietly(lock);
        } finally {
            gate.writeLock().unlock();
        }
    }

    // the mechanics of one change

    /** Runs {@code body} alone among the changes to {@code key}, once the key is one this store can hold. */
    private <T> Either<PortFailure, T> change(ResourceKey key, Supplier<Either<PortFailure, T>> body) {
        Option<String> problem = StoreLayout.problemWith(key);
        if (problem.isDefined()) {
            return Either.left(PortFailure.of(PortFailure.Reason.REJECTED, problem.get()));
        }
        String unreadableReason = unreadable.get(key);
        if (unreadableReason != null) {
            return Either.left(PortFailure.of(PortFailure.Reason.UNAVAILABLE, key + " is stored in " + layout.resourceFile(key)
                    + ", which cannot be read (" + unreadableReason + "); repair or remove the file and open the store again"));
        }
        gate.readLock().lock();
        try {
            if (closed) {
                return Either.left(PortFailure.of(PortFailure.Reason.UNAVAILABLE, "the store " + layout.root() + " is closed"));
            }
            synchronized (stripes[Math.floorMod(key.hashCode(), STRIPES)]) {
                return body.get();
            }
        } finally {
            gate.readLock().unlock();
        }
    }

    private FlinkResource stored(ResourceKey key) {
        return resources.get(key.kind()).get(key);
    }

    /**
     * Puts {@code resource} on disk, then in memory, then tells the listeners. What is kept is the resource read back
     * from the very bytes written; a resource that would not read back the same way is refused, never written.
     */
    private Either<PortFailure, FlinkResource> write(FlinkResource resource) {
        ResourceKey key = ResourceKey.of(resource);
        Path file = layout.resourceFile(key);
        byte[] content;
        FlinkResource readBack;
        try {
            content = ResourceCodec.encode(resource);
            Either<String, ResourceCodec.Decoded> decoded = ResourceCodec.decode(key, content);
            if (decoded.isLeft() || !decoded.get().statusWarnings().isEmpty()) {
                String why = decoded.isLeft() ? decoded.getLeft() : decoded.get().statusWarnings().mkString("; ");
                return Either.left(PortFailure.of(PortFailure.Reason.REJECTED, key + " would not read back from its file: " + why));
            }
            readBack = decoded.get().resource();
        } catch (RuntimeException e) {
            return Either.left(PortFailure.of(PortFailure.Reason.REJECTED, key + " cannot be written as JSON: " + e.getMessage()));
        }
        try {
            files.write(file, content);
        } catch (IOException e) {
            return Either.left(PortFailure.of(PortFailure.Reason.UNAVAILABLE, "cannot write " + file + ": " + e));
        }
        resources.get(key.kind()).put(key, readBack);
        watchers.changed(key);
        return Either.right(readBack);
    }

    /** Removes the resource's file, after recording its resourceVersion so that versions keep growing after a restart. */
    private Either<PortFailure, Done> remove(FlinkResource resource) {
        ResourceKey key = ResourceKey.of(resource);
        Path file = layout.resourceFile(key);
        try {
            versions.persist(resource.metadata().resourceVersion());
            files.delete(file);
        } catch (IOException e) {
            return Either.left(PortFailure.of(PortFailure.Reason.UNAVAILABLE, "cannot remove " + file + ": " + e));
        }
        resources.get(key.kind()).remove(key);
        try {
            events.forget(key);
        } catch (IOException e) {
            // the file is removed as an orphan when the store is next opened
            LOG.log(System.Logger.Level.WARNING, "cannot remove the events of " + key + ": " + e);
        }
        watchers.changed(key);
        return Either.right(Done.DONE);
    }

    private static PortFailure notFound(ResourceKey key) {
        return PortFailure.of(PortFailure.Reason.NOT_FOUND, key + " does not exist");
    }

    private static void closeQuietly(StoreLock lock) {
        try {
            lock.close();
        } catch (IOException e) {
            // the operating system releases the lock with the process in any case
            LOG.log(System.Logger.Level.WARNING, "cannot release the store lock: " + e);
        }
    }
}
