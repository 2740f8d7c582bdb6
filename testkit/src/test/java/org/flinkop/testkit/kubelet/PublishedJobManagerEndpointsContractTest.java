package org.flinkop.testkit.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.cluster.JobManagerEndpoints;
import org.flinkop.testkit.contract.AbstractJobManagerEndpointsContractTest;
import org.junit.jupiter.api.Test;

/** The endpoints read from pods as the process kubelet writes them (its annotation and status), over an in-memory cache of pods. */
class PublishedJobManagerEndpointsContractTest extends AbstractJobManagerEndpointsContractTest {

    private static final ResourceKey ORDERS = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "shop", "orders");

    private final Map<String, Collection<Pod>> cache = new ConcurrentHashMap<>();
    private final AtomicInteger hostPorts = new AtomicInteger(10_000);

    @Override
    protected JobManagerEndpoints endpoints() {
        return new PublishedJobManagerEndpoints(namespace -> cache.getOrDefault(namespace, List.of()), () -> { });
    }

    @Override
    protected void jobManagerRuns(ResourceKey cluster, int restPort) {
        put(pod(cluster.namespace(), cluster.name() + "-jm", "jobmanager", cluster.name(), Map.of(6123, hostPorts.incrementAndGet(), restPort,
                hostPorts.incrementAndGet()), true).build());
    }

    @Test
    void the_endpoint_is_the_pod_ip_and_the_host_port_published_for_the_rest_port() {
        put(pod("shop", "orders-taskmanager-1", "taskmanager", "orders", Map.of(8081, 10001), true).build());
        put(pod("shop", "orders-jm", "jobmanager", "orders", Map.of(6123, 10002, 8081, 10003), true).build());

        assertThat(endpoints().rest(ORDERS, 8081).get()).hasToString("http://127.0.0.1:10003");
    }

    @Test
    void a_job_manager_whose_container_does_not_run_has_no_endpoint() {
        put(pod("shop", "orders-jm", "jobmanager", "orders", Map.of(8081, 10003), false).build());

        assertThat(endpoints().rest(ORDERS, 8081)).isEmpty();
    }

    @Test
    void a_job_manager_pod_being_deleted_has_no_endpoint() {
        put(pod("shop", "orders-jm", "jobmanager", "orders", Map.of(8081, 10003), true).editMetadata()
                .withDeletionTimestamp("2026-11-25T00:00:00Z").endMetadata().build());

        assertThat(endpoints().rest(ORDERS, 8081)).isEmpty();
    }

    @Test
    void a_pod_without_published_host_ports_or_without_the_rest_port_has_no_endpoint() {
        put(pod("shop", "orders-jm", "jobmanager", "orders", Map.of(), true).build());
        assertThat(endpoints().rest(ORDERS, 8081)).isEmpty();

        cache.clear();
        put(pod("shop", "orders-jm", "jobmanager", "orders", Map.of(6123, 10002), true).build());
        assertThat(endpoints().rest(ORDERS, 8081)).isEmpty();
    }

    @Test
    void the_annotation_reads_back_what_was_written_and_nothing_from_a_value_in_another_format() {
        Map<Integer, Integer> ports = Map.of(8081, 10413, 6123, 10412, 6124, 10414);

        assertThat(HostPortAnnotation.format(ports)).isEqualTo("6123=10412,6124=10414,8081=10413");
        assertThat(HostPortAnnotation.parse(HostPortAnnotation.format(ports))).isEqualTo(ports);
        assertThat(HostPortAnnotation.parse(HostPortAnnotation.format(Map.of()))).isEmpty();
        assertThat(HostPortAnnotation.parse(null)).isEmpty();
        assertThat(HostPortAnnotation.parse("8081:10413")).isEmpty();
        assertThat(HostPortAnnotation.parse("8081=99999999999")).isEmpty();
        assertThat(HostPortAnnotation.parse("8081=10413,")).isEmpty();
    }

    private void put(Pod pod) {
        cache.computeIfAbsent(pod.getMetadata().getNamespace(), ns -> new CopyOnWriteArrayList<>()).add(pod);
    }

    private static PodBuilder pod(String namespace, String name, String component, String app, Map<Integer, Integer> hostPorts, boolean running) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .addToLabels("app", app).addToLabels("component", component).endMetadata();
        if (!hostPorts.isEmpty()) {
            pod.editMetadata().addToAnnotations(HostPortAnnotation.KEY, HostPortAnnotation.format(hostPorts)).endMetadata();
        }
        return pod.withNewStatus().withPodIP("127.0.0.1").addNewContainerStatus().withName("flink-main-container").withReady(running)
                .withNewState().withRunning(running ? new io.fabric8.kubernetes.api.model.ContainerStateRunning("2026-11-25T00:00:00Z") : null)
                .withWaiting(running ? null : new io.fabric8.kubernetes.api.model.ContainerStateWaiting("back-off", "CrashLoopBackOff"))
                .endState().endContainerStatus().endStatus();
    }
}
