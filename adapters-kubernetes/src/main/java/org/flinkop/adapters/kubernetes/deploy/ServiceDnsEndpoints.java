package org.flinkop.adapters.kubernetes.deploy;

import io.vavr.control.Option;
import java.net.URI;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.ports.cluster.JobManagerEndpoints;

/** The in-cluster address of a JobManager's REST API: its REST Service's DNS name, {@code http://<name>-rest.<namespace>:<port>}. */
final class ServiceDnsEndpoints implements JobManagerEndpoints {

    @Override
    public Option<URI> rest(ResourceKey cluster, int restPort) {
        return Option.of(URI.create("http://" + ClusterNames.restService(cluster.name()) + "." + cluster.namespace() + ":" + restPort));
    }
}
