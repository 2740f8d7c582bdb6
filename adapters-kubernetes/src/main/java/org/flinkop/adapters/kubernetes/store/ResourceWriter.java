package org.flinkop.adapters.kubernetes.store;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.PortFailure.Reason;

/**
 * The store's writes, straight to the API server. Every update is locked on the resourceVersion it was based on.
 * A finalizer change is first tried on the informer's copy, without a read; otherwise reads that decide a write
 * (does it exist, what are its finalizers) go to the API server. A write that loses a race is retried from a fresh
 * read where the caller asked for an end state (apply, finalizers), and reported as {@code CONFLICT} where the
 * caller holds a version (status).
 */
final class ResourceWriter {

    private static final int ATTEMPTS = 5;

    private final KubernetesClient client;
    private final ResourceMapping mapping;

    ResourceWriter(KubernetesClient client, ResourceMapping mapping) {
        this.client = client;
        this.mapping = mapping;
    }

    /** Creates the resource, or updates its spec, labels and annotations; an unchanged resource is not written. */
    Either<PortFailure, FlinkResource> apply(FlinkResource desired) {
        ResourceKey key = ResourceKey.of(desired);
        for (int attempt = 1; ; attempt++) {
            Either<PortFailure, Option<GenericKubernetesResource>> current = read(key);
            if (current.isLeft()) {
                return Either.left(current.getLeft());
            }
            GenericKubernetesResource existing = current.get().getOrNull();
            if (existing != null && existing.getMetadata().getDeletionTimestamp() != null) {
                // as the API server would answer, but without retrying: waiting will not make it pass
                return Either.left(PortFailure.of(Reason.CONFLICT, key + " is being deleted; apply it again once it is gone"));
            }
            Either<PortFailure, FlinkResource> result = existing == null ? create(key, desired) : update(key, existing, desired);
            if (!lostRace(result) || attempt == ATTEMPTS) {
                return result;
            }
        }
    }

    private Either<PortFailure, FlinkResource> create(ResourceKey key, FlinkResource desired) {
        return Failures.call(() -> namespace(key).resource(mapping.forCreate(desired)).create()).flatMap(this::decode);
    }

    private Either<PortFailure, FlinkResource> update(ResourceKey key, GenericKubernetesResource current, FlinkResource desired) {
        return decode(current).flatMap(stored -> {
            if (sameDesiredState(stored, desired)) {
                return Either.right(stored);
            }
            return update(key, mapping.forUpdate(current, desired));
        });
    }

    /** Writes the status through the status subresource, locked on the resource's resourceVersion. */
    Either<PortFailure, FlinkResource> writeStatus(FlinkResource resource) {
        if (resource.metadata().resourceVersion() == null) {
            return Either.left(PortFailure.of(Reason.REJECTED, ResourceKey.of(resource)
                    + ": a status write needs the resourceVersion the status was decided on; read the resource from the store first"));
        }
        ResourceKey key = ResourceKey.of(resource);
        return Failures.call(() -> namespace(key).resource(mapping.forStatus(resource)).updateStatus()).flatMap(this::decode);
    }

    /**
     * Adds {@code finalizer} unless it is there. First on {@code informed}, the informer's copy, without reading the
     * resource again: the update is locked on that copy's resourceVersion, so a copy that is no longer current only
     * costs a conflict, after which the resource is read and the update tried again.
     */
    Either<PortFailure, FlinkResource> addFinalizer(ResourceKey key, String finalizer, Option<GenericKubernetesResource> informed) {
        Option<GenericKubernetesResource> copy = informed.filter(c -> c.getMetadata().getResourceVersion() != null && !finalizers(c).contains(finalizer));
        if (copy.isDefined()) {
            List<String> finalizers = finalizers(copy.get());
            finalizers.add(finalizer);
            Either<PortFailure, FlinkResource> updated = update(key, mapping.withFinalizers(copy.get(), finalizers));
            if (!staleCopy(updated)) {
                return updated;
            }
        }
        return retryingConflicts(() -> read(key).flatMap(current -> {
            if (current.isEmpty()) {
                return Either.left(PortFailure.of(Reason.NOT_FOUND, key + " does not exist"));
            }
            List<String> finalizers = finalizers(current.get());
            if (finalizers.contains(finalizer)) {
                return decode(current.get());
            }
            finalizers.add(finalizer);
            return update(key, mapping.withFinalizers(current.get(), finalizers));
        }));
    }

    /**
     * Removes {@code finalizer} if it is there; none when the resource does not exist (any more). First on the
     * informer's copy, as {@link #addFinalizer} does.
     */
    Either<PortFailure, Option<FlinkResource>> removeFinalizer(ResourceKey key, String finalizer, Option<GenericKubernetesResource> informed) {
        Option<GenericKubernetesResource> copy = informed.filter(c -> c.getMetadata().getResourceVersion() != null && finalizers(c).contains(finalizer));
        if (copy.isDefined()) {
            List<String> finalizers = finalizers(copy.get());
            finalizers.remove(finalizer);
            Either<PortFailure, FlinkResource> updated = update(key, mapping.withFinalizers(copy.get(), finalizers));
            if (!staleCopy(updated)) {
                return updated.map(Option::of);
            }
        }
        return retryingConflicts(() -> read(key).flatMap(current -> {
            if (current.isEmpty()) {
                return Either.right(Option.<FlinkResource>none());
            }
            List<String> finalizers = finalizers(current.get());
            if (!finalizers.remove(finalizer)) {
                return decode(current.get()).map(Option::of);
            }
            return update(key, mapping.withFinalizers(current.get(), finalizers)).map(Option::of);
        }));
    }

    /** Asks for deletion; {@code NOT_FOUND} when there is nothing to delete. */
    Either<PortFailure, List<StatusDetails>> delete(ResourceKey key) {
        return Failures.call(() -> resource(key).delete()).flatMap(details -> details.isEmpty()
                ? Either.left(PortFailure.of(Reason.NOT_FOUND, key + " does not exist"))
                : Either.right(details));
    }

    /** The resource as the API server holds it now; none when it does not exist. */
    Either<PortFailure, Option<GenericKubernetesResource>> read(ResourceKey key) {
        return Failures.call(() -> Option.of(resource(key).get()));
    }

    Either<PortFailure, FlinkResource> decode(GenericKubernetesResource resource) {
        return mapping.toDomain(resource).toEither(() -> PortFailure.of(Reason.REJECTED,
                "the API server holds " + resource.getKind() + " " + resource.getMetadata().getName() + ", which cannot be read as a Flink resource"));
    }

    private Either<PortFailure, FlinkResource> update(ResourceKey key, GenericKubernetesResource changed) {
        return Failures.call(() -> namespace(key).resource(changed).update()).flatMap(this::decode);
    }

    /** Runs {@code attempt} again, from a fresh read, while it loses races with other writers. */
    private static <T> Either<PortFailure, T> retryingConflicts(Supplier<Either<PortFailure, T>> attempt) {
        Either<PortFailure, T> result = attempt.get();
        for (int i = 1; i < ATTEMPTS && lostRace(result); i++) {
            result = attempt.get();
        }
        return result;
    }

    /** An update based on a cached copy that is no longer the live object: changed since, or gone. */
    private static boolean staleCopy(Either<PortFailure, ?> result) {
        return lostRace(result) || result.isLeft() && result.getLeft().reason() == Reason.NOT_FOUND;
    }

    /** Another writer changed (or created) the object between this store's read and its write. */
    private static boolean lostRace(Either<PortFailure, ?> result) {
        return result.isLeft() && result.getLeft().reason() == Reason.CONFLICT;
    }

    private static boolean sameDesiredState(FlinkResource stored, FlinkResource desired) {
        return Objects.equals(stored.spec(), desired.spec())
                && stored.metadata().labels().equals(desired.metadata().labels())
                && stored.metadata().annotations().equals(desired.metadata().annotations());
    }

    private static List<String> finalizers(GenericKubernetesResource resource) {
        List<String> current = resource.getMetadata().getFinalizers();
        return current == null ? new ArrayList<>() : new ArrayList<>(current);
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> namespace(ResourceKey key) {
        return client.genericKubernetesResources(Kinds.context(key.kind())).inNamespace(key.namespace());
    }

    private Resource<GenericKubernetesResource> resource(ResourceKey key) {
        return namespace(key).withName(key.name());
    }
}
