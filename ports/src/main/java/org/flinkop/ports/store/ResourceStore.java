package org.flinkop.ports.store;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.admission.ResourceLookup;

/**
 * Where resources live: the Kubernetes API server in the operator, a durable local store when embedded, memory
 * in the testkit. Every method is safe to call from any thread, blocks at most for the store's own request
 * timeout, and returns failures as values.
 */
public interface ResourceStore extends ResourceLookup {

    /** The resource, with its metadata ({@code resourceVersion}, {@code generation}, finalizers) and status. */
    Option<FlinkResource> get(ResourceKey key);

    @Override
    default Option<FlinkResource> find(ResourceKind kind, String namespace, String name) {
        return get(new ResourceKey(kind, namespace, name));
    }

    /** Every resource of {@code kind}, in all namespaces the store serves. */
    List<FlinkResource> list(ResourceKind kind);

    /**
     * Creates the resource or updates its spec, labels and annotations; the status is left as it is. A new
     * resource gets a uid, generation 1 and a creation time; a changed spec increments the generation; applying
     * the same spec again changes nothing (idempotent).
     */
    Either<PortFailure, FlinkResource> apply(FlinkResource resource);

    /**
     * Writes {@code resource.status()} if the stored {@code resourceVersion} is still
     * {@code resource.metadata().resourceVersion()}; {@code CONFLICT} otherwise, and nothing is written. Returns
     * the stored resource with its new resourceVersion. Never changes the spec or the generation.
     */
    Either<PortFailure, FlinkResource> writeStatus(FlinkResource resource);

    /** Adds the finalizer (idempotent). */
    Either<PortFailure, FlinkResource> addFinalizer(ResourceKey key, String finalizer);

    /**
     * Removes the finalizer (idempotent). A resource marked for deletion whose last finalizer goes is removed;
     * {@code Option.none()} then says it is gone.
     */
    Either<PortFailure, Option<FlinkResource>> removeFinalizer(ResourceKey key, String finalizer);

    /**
     * Asks for deletion: a resource with finalizers gets a deletion timestamp and stays until they are removed;
     * one without is removed at once. Deleting what does not exist is {@code NOT_FOUND}.
     */
    Either<PortFailure, Done> delete(ResourceKey key);

    /** Records an event about the resource for users to read; best effort, never fails the caller. */
    void recordEvent(ResourceKey key, RecordedEvent event);

    /**
     * The recent events about the resource, oldest first, as far as the store keeps them (a store whose events live
     * elsewhere, such as Kubernetes Events, may return none here).
     */
    default List<RecordedEvent> events(ResourceKey key) {
        return List.empty();
    }

    /**
     * Calls {@code listener} with the key of every resource that is created, changed or deleted from now on,
     * on a thread of the store's; the listener must not block. Close the returned handle to stop.
     */
    AutoCloseable watch(ChangeListener listener);

    @FunctionalInterface
    interface ChangeListener {
        void changed(ResourceKey key);
    }
}
