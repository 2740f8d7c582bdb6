package org.flinkop.runtime.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches a namespace the way a user's dashboard would and notes when each FlinkDeployment first had its JobManager
 * Deployment, its TaskManager Deployment and a status written by the operator, and when it was gone; times are
 * {@link System#nanoTime()} of the moment this process saw the change.
 */
final class BenchObserver implements AutoCloseable {

    private final Map<String, Long> jobManagers = new ConcurrentHashMap<>();
    private final Map<String, Long> taskManagers = new ConcurrentHashMap<>();
    private final Map<String, Long> statuses = new ConcurrentHashMap<>();
    private final Map<String, Long> gone = new ConcurrentHashMap<>();
    private final Map<String, Long> deploymentsGone = new ConcurrentHashMap<>();
    private final SharedIndexInformer<Deployment> deployments;
    private final SharedIndexInformer<GenericKubernetesResource> flinkDeployments;

    BenchObserver(KubernetesClient client, String namespace) {
        this.deployments = client.apps().deployments().inNamespace(namespace).withLabel("app.kubernetes.io/managed-by", "flinkop")
                .inform(handler(this::deploymentSeen, this::deploymentGone));
        this.flinkDeployments = client.genericKubernetesResources(KubeWorld.FLINK_DEPLOYMENTS).inNamespace(namespace)
                .inform(handler(this::flinkDeploymentSeen, r -> gone.putIfAbsent(r.getMetadata().getName(), System.nanoTime())));
    }

    private static <T extends HasMetadata> ResourceEventHandler<T> handler(java.util.function.Consumer<T> seen, java.util.function.Consumer<T> deleted) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                seen.accept(object);
            }

            @Override
            public void onUpdate(T before, T after) {
                seen.accept(after);
            }

            @Override
            public void onDelete(T object, boolean unknownFinalState) {
                deleted.accept(object);
            }
        };
    }

    private void deploymentSeen(Deployment deployment) {
        String name = deployment.getMetadata().getName();
        long now = System.nanoTime();
        if (name.endsWith("-taskmanager")) {
            taskManagers.putIfAbsent(name.substring(0, name.length() - "-taskmanager".length()), now);
        } else {
            jobManagers.putIfAbsent(name, now);
        }
    }

    private void deploymentGone(Deployment deployment) {
        deploymentsGone.putIfAbsent(deployment.getMetadata().getName(), System.nanoTime());
    }

    private void flinkDeploymentSeen(GenericKubernetesResource resource) {
        Object status = resource.getAdditionalProperties().get("status");
        if (status instanceof Map<?, ?> map && map.get("lifecycleState") != null) {
            statuses.putIfAbsent(resource.getMetadata().getName(), System.nanoTime());
        }
    }

    /** When {@code name} had all it needs (JobManager Deployment, TaskManager Deployment when {@code standalone}, a status); null until then. */
    Long readyAt(String name, boolean standalone) {
        Long jm = jobManagers.get(name);
        Long tm = standalone ? taskManagers.get(name) : Long.valueOf(Long.MIN_VALUE);
        Long status = statuses.get(name);
        if (jm == null || tm == null || status == null) {
            return null;
        }
        return Math.max(jm, Math.max(tm, status));
    }

    Long goneAt(String name) {
        return gone.get(name);
    }

    int deploymentsLeft() {
        return deployments.getStore().list().size();
    }

    @Override
    public void close() {
        deployments.stop();
        flinkDeployments.stop();
    }
}
