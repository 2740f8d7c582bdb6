package org.flinkop.runtime.operator.watch;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.ReducedStateItemStore;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.Done;
import org.flinkop.runtime.operator.lifecycle.Lifecycle;
import org.flinkop.runtime.operator.logging.OperatorLog;

/**
 * Watches the Deployments, ConfigMaps and Services the cluster deployer creates (labelled
 * {@code app.kubernetes.io/managed-by: flinkop}, with the FlinkDeployment's name as {@code app}, as the deployer
 * documents) and asks for a pass of their FlinkDeployment when one changes: a JobManager that becomes ready, a
 * Deployment someone deleted or scaled, a ConfigMap or Service someone deleted (the pass makes it again). Of the
 * ConfigMaps and Services only deletions count, and only their names and labels are kept: a cache of the Flink
 * configuration of every cluster would cost memory for nothing. A
 * deploying cluster is then seen at once rather than at the next progress check, so that check can be slow.
 * Only changes that can change what the deployer reports count ({@link RolloutState}): the controller manager
 * rewrites a Deployment's status several times while it rolls out, and each needless pass costs API calls. A
 * Deployment that appears does not count either: only the deployer makes them, in a pass that has already decided
 * when to look again (and recorded the JobManager as deploying), and at start every resource gets a pass anyway.
 * Observing still goes through the deployer.
 */
public final class ClusterChanges implements Lifecycle {

    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String MANAGER = "flinkop";
    static final String APP = "app";

    private final KubernetesClient client;
    private final Set<String> namespaces;
    private final Consumer<ResourceKey> trigger;
    private final OperatorLog log;
    private final List<SharedIndexInformer<? extends HasMetadata>> informers = new ArrayList<>();

    /** @param namespaces the namespaces watched; empty for all */
    public ClusterChanges(KubernetesClient client, Set<String> namespaces, Consumer<ResourceKey> trigger, OperatorLog log) {
        this.client = client;
        this.namespaces = Set.copyOf(namespaces);
        this.trigger = trigger;
        this.log = log;
    }

    @Override
    public String name() {
        return "cluster watch";
    }

    @Override
    public synchronized Either<String, Done> start() {
        try {
            if (namespaces.isEmpty()) {
                informers.add(inform(client.apps().deployments().inAnyNamespace().withLabel(MANAGED_BY, MANAGER)));
                informers.add(deletions(client.configMaps().inAnyNamespace().withLabel(MANAGED_BY, MANAGER), ConfigMap.class));
                informers.add(deletions(client.services().inAnyNamespace().withLabel(MANAGED_BY, MANAGER), Service.class));
            } else {
                for (String ns : namespaces.stream().sorted().toList()) {
                    informers.add(inform(client.apps().deployments().inNamespace(ns).withLabel(MANAGED_BY, MANAGER)));
                    informers.add(deletions(client.configMaps().inNamespace(ns).withLabel(MANAGED_BY, MANAGER), ConfigMap.class));
                    informers.add(deletions(client.services().inNamespace(ns).withLabel(MANAGED_BY, MANAGER), Service.class));
                }
            }
            return Either.right(Done.DONE);
        } catch (RuntimeException e) {
            stop(Duration.ZERO);
            return Either.left("cannot watch the clusters' Deployments, ConfigMaps and Services (" + e.getMessage()
                    + "); does the operator's role allow watching them?");
        }
    }

    /** Asks for a pass when an object of {@code kind} is deleted; keeps only each object's name, namespace and labels. */
    private <T extends HasMetadata> SharedIndexInformer<T> deletions(FilterWatchListDeletable<T, ?, ?> objects, Class<T> kind) {
        SharedIndexInformer<T> informer = objects.runnableInformer(0);
        informer.itemStore(new ReducedStateItemStore<>(ReducedStateItemStore.NAME_KEY_STATE, kind, client.getKubernetesSerialization(), "metadata.labels"));
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                // made by a pass, or listed at start
            }

            @Override
            public void onUpdate(T before, T after) {
                // only what the deployer made matters, and a pass makes it again only when it is gone
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                changed(object);
            }
        });
        return started(informer);
    }

    private SharedIndexInformer<Deployment> inform(FilterWatchListDeletable<Deployment, ?, ?> deployments) {
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

    /** Starts {@code informer}, which keeps retrying on its own: a failure is logged, never fatal (passes still run on the progress check). */
    private <T> SharedIndexInformer<T> started(SharedIndexInformer<T> informer) {
        informer.exceptionHandler((started, problem) -> {
            log.warn("the cluster watch retries", OperatorLog.fields("kind", informer.getApiTypeClass().getSimpleName(), "error", String.valueOf(problem)));
            return true;
        });
        informer.start();
        return informer;
    }

    private void changed(HasMetadata object) {
        String app = object.getMetadata().getLabels() == null ? null : object.getMetadata().getLabels().get(APP);
        if (app != null) {
            trigger.accept(new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, object.getMetadata().getNamespace(), app));
        }
    }

    @Override
    public synchronized void stop(Duration grace) {
        informers.forEach(SharedIndexInformer::stop);
        informers.clear();
    }
}
