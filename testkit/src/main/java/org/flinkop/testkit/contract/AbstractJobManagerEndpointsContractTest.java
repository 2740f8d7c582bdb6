package org.flinkop.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.cluster.JobManagerEndpoints;
import org.junit.jupiter.api.Test;

/** What every {@link JobManagerEndpoints} must do. Extend it with the endpoints and a way to make a JobManager run. */
public abstract class AbstractJobManagerEndpointsContractTest {

    private static final ResourceKey ORDERS = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "shop", "orders");
    private static final ResourceKey PAYMENTS = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "shop", "payments");
    private static final ResourceKey ORDERS_ELSEWHERE = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "staging", "orders");
    private static final int REST_PORT = 8081;

    protected abstract JobManagerEndpoints endpoints();

    /** Makes {@code cluster}'s JobManager run with REST on {@code restPort}, for endpoints that know only running ones. */
    protected abstract void jobManagerRuns(ResourceKey cluster, int restPort);

    @Test
    void a_running_job_manager_is_reached_over_http_at_a_host_and_port() {
        jobManagerRuns(ORDERS, REST_PORT);

        URI endpoint = endpoints().rest(ORDERS, REST_PORT).get();

        assertThat(endpoint.getScheme()).isEqualTo("http");
        assertThat(endpoint.getHost()).isNotBlank();
        assertThat(endpoint.getPort()).isPositive();
    }

    @Test
    void the_same_job_manager_gives_the_same_endpoint_each_time() {
        jobManagerRuns(ORDERS, REST_PORT);

        assertThat(endpoints().rest(ORDERS, REST_PORT)).isEqualTo(endpoints().rest(ORDERS, REST_PORT));
    }

    @Test
    void job_managers_of_other_clusters_and_namespaces_have_endpoints_of_their_own() {
        jobManagerRuns(ORDERS, REST_PORT);
        jobManagerRuns(PAYMENTS, REST_PORT);
        jobManagerRuns(ORDERS_ELSEWHERE, REST_PORT);

        URI orders = endpoints().rest(ORDERS, REST_PORT).get();

        assertThat(endpoints().rest(PAYMENTS, REST_PORT).get()).isNotEqualTo(orders);
        assertThat(endpoints().rest(ORDERS_ELSEWHERE, REST_PORT).get()).isNotEqualTo(orders);
    }
}
