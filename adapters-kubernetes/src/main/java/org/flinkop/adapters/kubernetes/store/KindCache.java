package org.flinkop.adapters.kubernetes.store;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;

/**
 * The resources of one kind as the store serves them: what the informers report, each decoded once, and the
 * store's own writes on top until the informers catch up with them, so that a caller reads its own writes. For
 * each key the newest version wins, whichever side it came from; a delete this store performed hides the object
 * until the informer reports the deletion. Thread-safe: informer events and writes may race.
 */
final class KindCache implements ResourceEventHandler<GenericKubernetesResource> {

    private static final System.Logger LOG = System.getLogger(KindCache.class.getName());

    /** One key's newest known version; {@code resource} is none after a deletion this store made. */
    private record Entry(long version, Option<FlinkResource> resource) {
    }

    private final ResourceKind kind;
    private final ResourceMapping mapping;
    private final Consumer<ResourceKey> changed;
    private final Map<ResourceKey, Entry> entries = new ConcurrentHashMap<>();

    KindCache(ResourceKind kind, ResourceMapping mapping, Consumer<ResourceKey> changed) {
        this.kind = kind;
        this.mapping = mapping;
        this.changed = changed;
    }

    Option<FlinkResource> get(ResourceKey key) {
        Entry entry = entries.get(key);
        return entry == null ? Option.none() : entry.resource();
    }

    List<FlinkResource> list() {
        return List.ofAll(entries.values()).flatMap(Entry::resource);
    }

    /** A write of this store succeeded and the API server answered with {@code stored}. */
    void written(FlinkResource stored) {
        long version = ResourceVersions.parse(stored.metadata().resourceVersion());
        entries.merge(ResourceKey.of(stored), new Entry(version, Option.of(stored)), ResourceVersions.UNKNOWN == version ? (old, now) -> now : KindCache::newer);
    }

    /**
     * This store deleted the object: hide what the cache holds for it until the informer reports the deletion
     * (or anything newer). {@code version} is the object's last version if known, {@link ResourceVersions#UNKNOWN} if not.
     */
    void deleted(ResourceKey key, long version) {
        entries.computeIfPresent(key, (k, current) -> {
            long hideUpTo = version == ResourceVersions.UNKNOWN ? current.version() : Math.max(version, current.version());
            return new Entry(hideUpTo, Option.none());
        });
    }

    /** This store no longer serves the object (its labels left the selector). */
    void forget(ResourceKey key) {
        entries.remove(key);
    }

    @Override
    public void onAdd(GenericKubernetesResource resource) {
        informed(resource);
    }

    @Override
    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
        informed(after);
    }

    @Override
    public void onDelete(GenericKubernetesResource resource, boolean finalStateUnknown) {
        ResourceKey key = ResourceMapping.key(kind, resource);
        long version = ResourceVersions.parse(resource.getMetadata().getResourceVersion());
        // after a relist the last state is unknown: the object is gone whatever the cache held
        entries.computeIfPresent(key, (k, current) -> finalStateUnknown || current.version() <= version ? null : current);
        notifyChanged(key);
    }

    private void informed(GenericKubernetesResource resource) {
        ResourceKey key = ResourceMapping.key(kind, resource);
        Option<FlinkResource> decoded = mapping.toDomain(resource);
        if (decoded.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "{0} cannot be read as a {1}; it is ignored", key, kind);
            return;
        }
        long version = ResourceVersions.parse(resource.getMetadata().getResourceVersion());
        entries.merge(key, new Entry(version, decoded), KindCache::newer);
        notifyChanged(key);
    }

    /** The same version of a deleted object must not bring it back; of a present one, either copy will do. */
    private static Entry newer(Entry current, Entry candidate) {
        boolean wins = candidate.version() > current.version() || candidate.version() == current.version() && current.resource().isDefined();
        return wins ? candidate : current;
    }

    private void notifyChanged(ResourceKey key) {
        changed.accept(key);
    }
}
