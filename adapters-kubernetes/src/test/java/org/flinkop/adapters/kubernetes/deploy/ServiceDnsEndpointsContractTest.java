package org.flinkop.adapters.kubernetes.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.cluster.JobManagerEndpoints;
import org.flinkop.testkit.contract.AbstractJobManagerEndpointsContractTest;
import org.junit.jupiter.api.Test;

class ServiceDnsEndpointsContractTest extends AbstractJobManagerEndpointsContractTest {

    private final ServiceDnsEndpoints endpoints = new ServiceDnsEndpoints();

    @Override
    protected JobManagerEndpoints endpoints() {
        return endpoints;
    }

    @Override
    protected void jobManagerRuns(ResourceKey cluster, int restPort) {
        // a Service's DNS name needs nothing to run to be known
    }

    @Test
    void the_endpoint_is_the_rest_services_dns_name() {
        assertThat(endpoints.rest(new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "prod", "orders"), 9091).get())
                .isEqualTo(URI.create("http://orders-rest.prod:9091"));
    }
}
