package org.flinkop.testkit.kubelet;

import io.vavr.control.Option;
import java.net.URI;
import java.util.Map;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.ports.cluster.JobManagerEndpoints;

/**
 * The JobManagers a {@link ProcessKubelet} runs, where an operator outside the pod network reaches them: the host
 * port behind the REST port of the running pod labelled as the cluster's JobManager ({@code app=<name>},
 * {@code component=jobmanager}, the labels Flink itself selects its JobManager by). Empty while no such pod runs.
 */
public final class KubeletJobManagerEndpoints implements JobManagerEndpoints {

    private final PodAddresses addresses;

    KubeletJobManagerEndpoints(PodAddresses addresses) {
        this.addresses = addresses;
    }

    @Override
    public Option<URI> rest(ResourceKey cluster, int restPort) {
        return Option.ofOptional(addresses.hostPort(cluster.namespace(), Map.of("app", cluster.name(), "component", "jobmanager"), restPort, true))
                .map(port -> URI.create("http://" + PodAddresses.LOOPBACK + ":" + port));
    }
}
