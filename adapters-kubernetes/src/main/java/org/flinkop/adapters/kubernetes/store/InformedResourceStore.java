package org.flinkop.adapters.kubernetes.store;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.PortFailure.Reason;
import org.flinkop.ports.store.RecordedEvent;

/** The Kubernetes resource store: informer caches for reads, the API server for writes. See {@link KubernetesResourceStore}. */
final class InformedResourceStore implements KubernetesResourceStore {

    private static final System.Logger LOG = System.getLogger(InformedResourceStore.class.getName());

    private final KubernetesClient client;
    private final KubernetesStoreSettings settings;
    private final ResourceWriter writer;
    private final Map<ResourceKind, KindCache> caches = new EnumMap<>(ResourceKind.class);
    private final java.util.List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
    private final Map<ResourceKind, java.util.List<SharedIndexInformer<GenericKubernetesResource>>> informersByKind = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final EventRecorder events;

    InformedResourceStore(KubernetesClient client, KubernetesStoreSettings settings) {
        this.client = client;
        this.settings = settings;
        ResourceMapping mapping = new ResourceMapping(client.getKubernetesSerialization());
        this.writer = new ResourceWriter(client, mapping);
        for (ResourceKind kind : ResourceKind.values()) {
            caches.put(kind, new KindCache(kind, mapping, this::changed));
        }
        this.events = new EventRecorder(client, settings, this::get);
    }

    @Override
    public synchronized Either<PortFailure, Done> start() {
        if (!informers.isEmpty()) {
            return Either.right(Done.DONE);
        }
        for (ResourceKind kind : ResourceKind.values()) {
            MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> all =
                    client.genericKubernetesResources(Kinds.context(kind));
            if (settings.namespaces().isEmpty()) {
                informers.add(informer(kind, all.inAnyNamespace()));
            } else {
                settings.namespaces().stream().sorted().forEach(namespace -> informers.add(informer(kind, all.inNamespace(namespace))));
            }
        }
        CompletableFuture<?>[] synced = informers.stream().map(i -> i.start().toCompletableFuture()).toArray(CompletableFuture[]::new);
        Either<PortFailure, Done> started = awaitSync(CompletableFuture.allOf(synced));
        if (started.isLeft()) {
            close();
        }
        return started;
    }

    private SharedIndexInformer<GenericKubernetesResource> informer(ResourceKind kind,
            FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> scope) {
        FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> selected =
                settings.labels().isEmpty() ? scope : scope.withLabels(settings.labels());
        SharedIndexInformer<GenericKubernetesResource> informer = selected.runnableInformer(settings.resync().toMillis());
        informer.addEventHandler(caches.get(kind));
        informersByKind.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(informer);
        // once running, an informer keeps trying through API server restarts; before its first list, failing fast tells the caller why
        informer.exceptionHandler((started, problem) -> {
            LOG.log(System.Logger.Level.WARNING, "informer of " + kind + (started ? " retries after: " : " failed: ") + problem);
            return started;
        });
        return informer;
    }

    private Either<PortFailure, Done> awaitSync(CompletableFuture<Void> all) {
        try {
            all.get(settings.syncTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return Either.right(Done.DONE);
        } catch (ExecutionException e) {
            return Either.left(Failures.of(e.getCause()));
        } catch (TimeoutException e) {
            return Either.left(PortFailure.of(Reason.TIMEOUT, "the informers did not list every kind within " + settings.syncTimeout()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Either.left(PortFailure.of(Reason.UNAVAILABLE, "interrupted while waiting for the informers to sync"));
        }
    }

    @Override
    public synchronized void close() {
        informers.forEach(SharedIndexInformer::stop);
        informers.clear();
        informersByKind.clear();
        events.close();
    }

    @Override
    public Option<FlinkResource> get(ResourceKey key) {
        return caches.get(key.kind()).get(key);
    }

    @Override
    public List<FlinkResource> list(ResourceKind kind) {
        return caches.get(kind).list();
    }

    @Override
    public Either<PortFailure, FlinkResource> apply(FlinkResource resource) {
        return served(ResourceKey.of(resource))
                .flatMap(key -> settings.selects(resource.metadata().labels()) ? Either.right(key) : Either.left(PortFailure.of(Reason.FORBIDDEN,
                        key + ": its labels " + resource.metadata().labels() + " do not carry the store's selector " + settings.labels())))
                .flatMap(key -> writer.apply(resource))
                .peek(this::remember);
    }

    @Override
    public Either<PortFailure, FlinkResource> writeStatus(FlinkResource resource) {
        return served(ResourceKey.of(resource)).flatMap(key -> writer.writeStatus(resource)).peek(this::remember);
    }

    @Override
    public Either<PortFailure, FlinkResource> addFinalizer(ResourceKey key, String finalizer) {
        return served(key).flatMap(k -> writer.addFinalizer(k, finalizer, informed(k))).peek(this::remember);
    }

    @Override
    public Either<PortFailure, Option<FlinkResource>> removeFinalizer(ResourceKey key, String finalizer) {
        return served(key).flatMap(k -> writer.removeFinalizer(k, finalizer, informed(k))).map(result -> {
            if (result.isEmpty()) {
                caches.get(key.kind()).deleted(key, ResourceVersions.UNKNOWN);
                return result;
            }
            FlinkResource stored = result.get();
            if (stored.metadata().deletionTimestamp() != null && stored.metadata().finalizers().isEmpty()) {
                // the API server removed it as the last finalizer went; it answered with the final state
                caches.get(key.kind()).deleted(key, ResourceVersions.parse(stored.metadata().resourceVersion()));
                return Option.none();
            }
            remember(stored);
            return result;
        });
    }

    /** The informer's own copy of the object (never to be changed), if an informer holds it. */
    Option<GenericKubernetesResource> informed(ResourceKey key) {
        String storeKey = key.namespace() + "/" + key.name();
        for (SharedIndexInformer<GenericKubernetesResource> informer : informersByKind.getOrDefault(key.kind(), java.util.List.of())) {
            GenericKubernetesResource copy = informer.getStore().getByKey(storeKey);
            if (copy != null) {
                return Option.of(copy);
            }
        }
        return Option.none();
    }

    @Override
    public Either<PortFailure, Done> delete(ResourceKey key) {
        return served(key).flatMap(writer::delete).map(details -> {
            refreshAfterDelete(key);
            return Done.DONE;
        });
    }

    /**
     * A resource with finalizers stays, marked for deletion: read it back so that the caller sees the mark at once.
     * One without is gone; if the read fails, the informer brings the news a little later.
     */
    private void refreshAfterDelete(ResourceKey key) {
        Either<PortFailure, Option<GenericKubernetesResource>> now = writer.read(key);
        if (now.isLeft()) {
            return;
        }
        Option<FlinkResource> stored = now.get().flatMap(r -> writer.decode(r).toOption());
        if (stored.isDefined()) {
            remember(stored.get());
        } else {
            caches.get(key.kind()).deleted(key, ResourceVersions.UNKNOWN);
        }
    }

    @Override
    public void recordEvent(ResourceKey key, RecordedEvent event) {
        events.record(key, event);
    }

    @Override
    public AutoCloseable watch(ChangeListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private Either<PortFailure, ResourceKey> served(ResourceKey key) {
        if (key.namespace() == null || key.namespace().isBlank()) {
            return Either.left(PortFailure.of(Reason.REJECTED, key + ": metadata.namespace is missing (allowed: the namespace of the resource)"));
        }
        if (!settings.watches(key.namespace())) {
            return Either.left(PortFailure.of(Reason.FORBIDDEN, key + ": namespace " + key.namespace() + " is not one this store watches "
                    + settings.namespaces().stream().sorted().toList()));
        }
        return Either.right(key);
    }

    private void remember(FlinkResource stored) {
        if (settings.selects(stored.metadata().labels())) {
            caches.get(stored.kind()).written(stored);
        } else {
            caches.get(stored.kind()).forget(ResourceKey.of(stored));
        }
    }

    private void changed(ResourceKey key) {
        for (ChangeListener listener : listeners) {
            try {
                listener.changed(key);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a change listener failed for " + key, e);
            }
        }
    }
}
