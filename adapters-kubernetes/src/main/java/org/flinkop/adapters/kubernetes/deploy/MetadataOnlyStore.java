package org.flinkop.adapters.kubernetes.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * An informer's store that keeps of each object only its name, namespace, uid, resource version and labels, copied
 * field by field: what a watch needs to tell which cluster an object belongs to, not the Flink configuration of
 * every cluster. (fabric8's own reduced store converts every object to a tree and back, which costs more than the
 * watch event's decoding.)
 */
final class MetadataOnlyStore<T extends HasMetadata> implements ItemStore<T> {

    private final Supplier<T> empty;
    private final Map<String, T> items = new ConcurrentHashMap<>();

    /** @param empty makes an empty object of the kind, to hold the kept metadata */
    MetadataOnlyStore(Supplier<T> empty) {
        this.empty = empty;
    }

    @Override
    public String getKey(T object) {
        return Cache.metaNamespaceKeyFunc(object);
    }

    @Override
    public T put(String key, T object) {
        return items.put(key, reduced(object));
    }

    @Override
    public T remove(String key) {
        return items.remove(key);
    }

    @Override
    public Stream<String> keySet() {
        return items.keySet().stream();
    }

    @Override
    public Stream<T> values() {
        return items.values().stream();
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public T get(String key) {
        return items.get(key);
    }

    /** Not the whole objects: the informer hands its handlers the objects from the watch, not from here. */
    @Override
    public boolean isFullState() {
        return false;
    }

    private T reduced(T object) {
        ObjectMeta meta = object.getMetadata();
        T kept = empty.get();
        kept.setMetadata(new ObjectMetaBuilder().withName(meta.getName()).withNamespace(meta.getNamespace()).withUid(meta.getUid())
                .withResourceVersion(meta.getResourceVersion()).withLabels(meta.getLabels()).build());
        return kept;
    }
}
