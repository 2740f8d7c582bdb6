package org.flinkop.adapters.kubernetes.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;

/**
 * The secondary watches: informers on the Deployments, ConfigMaps and Services this operator made (labelled
 * {@code app.kubernetes.io/managed-by: flinkop}, with the FlinkDeployment's name as {@code app}), in the watched
 * namespaces. They ask for a pass of the FlinkDeployment when one changes in a way that matters: a Deployment
 * whose {@link RolloutState} changes (a JobManager that becomes ready, a Deployment someone scaled) or that is
 * deleted, a ConfigMap or Service that is deleted. A new object does not count: only the deployer makes them, in a
 * pass that has already decided when to look again, and at start every resource gets a pass anyway. Of the
 * ConfigMaps and Services only names and labels are kept, not the Flink configuration of every cluster.
 *
 * <p>The caches also tell the deployer, without a request, that a cluster still has all its parts, which is what
 * a pass asks each time ({@link KubernetesClusterDeployer#restoreDeleted}); a part they miss is confirmed by a
 * request before it is made again, since a cache may lag behind a deletion the deployer itself just made. A
 * deletion deletes the parts they hold without reading them first, and reads the ones they miss.
 */
final class OwnedObjects implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(OwnedObjects.class.getName());

    private final KubernetesClient client;
    private final Set<String> namespaces;
    private final Consumer<ResourceKey> trigger;
    private final List<SharedIndexInformer<? extends HasMetadata>> informers = new ArrayList<>();
    private final List<Kind<?>> kinds = new ArrayList<>();

    /** One kind's informers and the cache of each; an object's key in a cache is {@code namespace/name}. */
    private record Kind<T extends HasMetadata>(Class<T> type, List<SharedIndexInformer<T>> informers) {

        boolean synced() {
            return informers.stream().allMatch(SharedIndexInformer::hasSynced);
        }

        boolean holds(String namespace, String name) {
            String key = namespace + "/" + name;
            return informers.stream().anyMatch(informer -> informer.getStore().getByKey(key) != null);
        }
    }

    /** @param namespaces the namespaces watched; empty for all */
    OwnedObjects(KubernetesClient client, Set<String> namespaces, Consumer<ResourceKey> trigger) {
        this.client = client;
        this.namespaces = Set.copyOf(namespaces);
        this.trigger = trigger;
    }

    /** Starts the informers; each keeps retrying on its own (a failure is logged: passes still run on their own schedule). */
    synchronized OwnedObjects start() {
        Kind<Deployment> deployments = new Kind<>(Deployment.class, new ArrayList<>());
        Kind<ConfigMap> configMaps = new Kind<>(ConfigMap.class, new ArrayList<>());
        Kind<Service> services = new Kind<>(Service.class, new ArrayList<>());
        List<String> scopes = namespaces.isEmpty() ? java.util.Collections.singletonList(null) : namespaces.stream().sorted().toList();
        for (String namespace : scopes) {
            deployments.informers().add(rollouts(scoped(client.apps().deployments(), namespace)));
            configMaps.informers().add(deletions(scoped(client.configMaps(), namespace), ConfigMap::new));
            services.informers().add(deletions(scoped(client.services(), namespace), Service::new));
        }
        kinds.addAll(List.of(deployments, configMaps, services));
        return this;
    }

    private static <T extends HasMetadata> FilterWatchListDeletable<T, ?, ?> scoped(
            io.fabric8.kubernetes.client.dsl.MixedOperation<T, ?, ?> objects, String namespace) {
        return (namespace == null ? objects.inAnyNamespace() : objects.inNamespace(namespace)).withLabel(ClusterLabels.MANAGED_BY, ClusterLabels.MANAGER);
    }

    /** Whether the cache of the Deployments has synced: from then on, a Deployment this operator made that it does not hold is not there. */
    synchronized boolean deploymentsSynced() {
        return kinds.stream().anyMatch(kind -> kind.type().equals(Deployment.class) && kind.synced());
    }

    /** Deployment {@code namespace/name} as the cache holds it; none while the cache has not synced, or when it does not hold it. */
    synchronized io.vavr.control.Option<Deployment> deployment(String namespace, String name) {
        return held(Deployment.class, namespace, name).map(Deployment.class::cast);
    }

    /**
     * Object {@code namespace/name} of kind {@code type} as its cache holds it (a Deployment whole, a ConfigMap or
     * Service by its name, uid and labels); none for a kind not watched, while its cache has not synced, or when it
     * does not hold it.
     */
    synchronized io.vavr.control.Option<HasMetadata> held(Class<? extends HasMetadata> type, String namespace, String name) {
        for (Kind<?> kind : kinds) {
            if (kind.type().equals(type) && kind.synced()) {
                String key = namespace + "/" + name;
                return io.vavr.control.Option.ofOptional(kind.informers().stream().map(informer -> informer.getStore().getByKey(key))
                        .filter(java.util.Objects::nonNull).<HasMetadata>map(HasMetadata.class::cast).findFirst());
            }
        }
        return io.vavr.control.Option.none();
    }

    /**
     * Whether the caches show every one of {@code names} of {@code namespace}; false while a cache has not synced
     * yet, or an object is not in it.
     */
    synchronized boolean allPresent(String namespace, Map<Class<? extends HasMetadata>, List<String>> names) {
        for (var wanted : names.entrySet()) {
            Kind<?> kind = kinds.stream().filter(k -> k.type().equals(wanted.getKey())).findFirst().orElse(null);
            if (kind == null || !kind.synced() || !wanted.getValue().stream().allMatch(name -> kind.holds(namespace, name))) {
                return false;
            }
        }
        return !kinds.isEmpty();
    }

    private SharedIndexInformer<Deployment> rollouts(FilterWatchListDeletable<Deployment, ?, ?> deployments) {
        SharedIndexInformer<Deployment> informer = deployments.runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Deployment deployment) {
                // made by a pass of this operator, which looks again when it decided to; or listed at start
            }

            @Override
            public void onUpdate(Deployment before, Deployment after) {
                if (!RolloutState.of(before).equals(RolloutState.of(after))) {
                    changed(after);
                }
            }

            @Override
            public void onDelete(Deployment deployment, boolean finalStateUnknown) {
                changed(deployment);
            }
        });
        return started(informer);
    }

    private <T extends HasMetadata> SharedIndexInformer<T> deletions(FilterWatchListDeletable<T, ?, ?> objects, java.util.function.Supplier<T> empty) {
        SharedIndexInformer<T> informer = objects.runnableInformer(0);
        informer.itemStore(new MetadataOnlyStore<>(empty));
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                // made by a pass, or listed at start
            }

            @Override
            public void onUpdate(T before, T after) {
                // a pass makes a part again only when it is gone
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                changed(object);
            }
        });
        return started(informer);
    }

    private <T extends HasMetadata> SharedIndexInformer<T> started(SharedIndexInformer<T> informer) {
        informer.exceptionHandler((started, problem) -> {
            LOG.log(System.Logger.Level.WARNING, "the watch of the clusters' " + informer.getApiTypeClass().getSimpleName() + "s retries after: " + problem
                    + "; does the operator's role allow listing and watching them?");
            return true;
        });
        informers.add(informer);
        informer.start();
        return informer;
    }

    private void changed(HasMetadata object) {
        String app = object.getMetadata().getLabels() == null ? null : object.getMetadata().getLabels().get(ClusterLabels.APP);
        if (app != null) {
            trigger.accept(new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, object.getMetadata().getNamespace(), app));
        }
    }

    @Override
    public synchronized void close() {
        informers.forEach(SharedIndexInformer::stop);
        informers.clear();
        kinds.clear();
    }
}
