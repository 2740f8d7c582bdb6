package org.flinkop.testkit.kubelet;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.vavr.control.Option;
import java.net.URI;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.ports.cluster.JobManagerEndpoints;

/**
 * The JobManagers a {@link ProcessKubelet} runs, where an operator outside the pod network reaches them, read from
 * the API server instead of the kubelet's memory, so that an operator in a JVM of its own finds them too: the
 * running pod labelled as the cluster's JobManager ({@code app=<name>}, {@code component=jobmanager}), at its
 * {@code status.podIP} and the host port its {@link HostPortAnnotation} gives for the REST port. A pod being
 * deleted is left out, as Kubernetes takes it out of its Services. Empty while no such pod runs.
 *
 * <p>Lookups read an informer's cache of the JobManager pods: no request to the API server, safe from any thread.
 * {@link #close()} stops the informers.
 */
public final class PublishedJobManagerEndpoints implements JobManagerEndpoints, AutoCloseable {

    private static final String COMPONENT = "component";
    private static final String JOB_MANAGER = "jobmanager";

    private final Function<String, Collection<Pod>> jobManagerPods;
    private final Runnable stop;

    PublishedJobManagerEndpoints(Function<String, Collection<Pod>> jobManagerPods, Runnable stop) {
        this.jobManagerPods = jobManagerPods;
        this.stop = stop;
    }

    /**
     * Watches the JobManager pods of {@code namespaces} (every namespace when empty) through {@code client} and
     * returns once their first list is cached.
     */
    public static PublishedJobManagerEndpoints start(KubernetesClient client, Collection<String> namespaces) {
        if (namespaces.isEmpty()) {
            SharedIndexInformer<Pod> all = client.pods().inAnyNamespace().withLabel(COMPONENT, JOB_MANAGER).inform();
            return new PublishedJobManagerEndpoints(namespace -> all.getStore().list().stream()
                    .filter(p -> namespace.equals(p.getMetadata().getNamespace())).toList(), all::close);
        }
        Map<String, SharedIndexInformer<Pod>> byNamespace = namespaces.stream().distinct().collect(Collectors.toUnmodifiableMap(
                ns -> ns, ns -> client.pods().inNamespace(ns).withLabel(COMPONENT, JOB_MANAGER).inform()));
        return new PublishedJobManagerEndpoints(namespace -> byNamespace.containsKey(namespace) ? byNamespace.get(namespace).getStore().list() : List.of(),
                () -> byNamespace.values().forEach(SharedIndexInformer::close));
    }

    @Override
    public Option<URI> rest(ResourceKey cluster, int restPort) {
        return Option.ofOptional(jobManagerPods.apply(cluster.namespace()).stream()
                .filter(p -> labelled(p, "app", cluster.name()) && labelled(p, COMPONENT, JOB_MANAGER))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null && running(p))
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .flatMap(p -> {
                    Integer hostPort = HostPortAnnotation.parse(annotation(p)).get(restPort);
                    return hostPort == null ? Stream.empty() : Stream.of(URI.create("http://" + p.getStatus().getPodIP() + ":" + hostPort));
                })
                .findFirst());
    }

    private static boolean labelled(Pod pod, String key, String value) {
        return pod.getMetadata().getLabels() != null && value.equals(pod.getMetadata().getLabels().get(key));
    }

    private static String annotation(Pod pod) {
        return pod.getMetadata().getAnnotations() == null ? null : pod.getMetadata().getAnnotations().get(HostPortAnnotation.KEY);
    }

    /** Has an address and a container that runs, as its kubelet reported. */
    private static boolean running(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getPodIP() == null || pod.getStatus().getPodIP().isBlank()) {
            return false;
        }
        List<ContainerStatus> containers = Objects.requireNonNullElse(pod.getStatus().getContainerStatuses(), List.of());
        return containers.stream().anyMatch(c -> c.getState() != null && c.getState().getRunning() != null);
    }

    @Override
    public void close() {
        stop.run();
    }
}
