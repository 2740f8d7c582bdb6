package org.flinkop.testkit.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.cluster.JobManagerEndpoints;
import org.flinkop.testkit.contract.AbstractJobManagerEndpointsContractTest;
import org.junit.jupiter.api.Test;

class KubeletJobManagerEndpointsContractTest extends AbstractJobManagerEndpointsContractTest {

    private final PodAddresses addresses = new PodAddresses();
    private final AtomicInteger hostPorts = new AtomicInteger(40000);

    @Override
    protected JobManagerEndpoints endpoints() {
        return new KubeletJobManagerEndpoints(addresses);
    }

    @Override
    protected void jobManagerRuns(ResourceKey cluster, int restPort) {
        addresses.publish(new PodAddresses.Published(cluster.namespace(), cluster.name() + "-jm", Map.of("app", cluster.name(), "component", "jobmanager"),
                Map.of(restPort, hostPorts.incrementAndGet()), true));
    }

    @Test
    void a_job_manager_that_does_not_run_has_no_endpoint() {
        ResourceKey cluster = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "shop", "orders");
        addresses.publish(new PodAddresses.Published("shop", "orders-jm", Map.of("app", "orders", "component", "jobmanager"), Map.of(8081, 40000), false));

        assertThat(endpoints().rest(cluster, 8081)).isEmpty();
    }

    @Test
    void the_endpoint_is_the_host_port_behind_the_rest_port_on_loopback() {
        ResourceKey cluster = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "shop", "orders");
        addresses.publish(new PodAddresses.Published("shop", "orders-tm", Map.of("app", "orders", "component", "taskmanager"), Map.of(8081, 40001), true));
        addresses.publish(new PodAddresses.Published("shop", "orders-jm", Map.of("app", "orders", "component", "jobmanager"), Map.of(8081, 40002), true));

        assertThat(endpoints().rest(cluster, 8081).get()).hasToString("http://127.0.0.1:40002");
    }
}
