package org.flinkop.ports.cluster;

import io.vavr.control.Option;
import java.net.URI;
import org.flinkop.domain.resource.ResourceKey;

/**
 * Where the operator reaches the REST API of a cluster's JobManager. In Kubernetes that is the cluster's REST
 * Service by its DNS name; an operator outside the cluster network (a test whose pods are local processes) needs
 * the address those pods really listen on.
 *
 * <p>A lookup only: no network call, never blocks, safe from any thread. The same running JobManager gives the
 * same endpoint each time.
 */
public interface JobManagerEndpoints {

    /**
     * The endpoint of the REST API of {@code cluster}'s JobManager, whose container serves REST on
     * {@code restPort}: an {@code http} URI with a host and a port. Empty while no address is known for it (its
     * JobManager does not run).
     */
    Option<URI> rest(ResourceKey cluster, int restPort);
}
