package org.flinkop.adapters.kubernetes.store;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.vavr.control.Either;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.store.ResourceStore;

/**
 * The {@link ResourceStore} over a Kubernetes API server and the flink.apache.org/v1beta1 CustomResourceDefinitions.
 * Reads ({@code get}, {@code list}, {@code find}) come from one informer cache per kind, so they never wait for the
 * network; a caller always reads its own writes. Writes go to the API server: {@code apply} creates or updates
 * spec, labels and annotations; {@code writeStatus} uses the status subresource, locked on the resourceVersion;
 * events become core/v1 Events, written in the background, repeats folded into a count and rate-limited per object.
 *
 * <p>Lifecycle: {@link #start()} once before use (it lists every kind and waits for the informers to sync);
 * {@link #close()} stops the informers and the event writer. The Kubernetes client belongs to the caller.
 */
public interface KubernetesResourceStore extends ResourceStore, AutoCloseable {

    /**
     * Starts the informers and waits until each has listed its resources, at most {@code syncTimeout}. Fails with
     * {@code NOT_FOUND} when a CustomResourceDefinition is not installed, {@code FORBIDDEN} when the operator may not
     * list a kind, {@code TIMEOUT} or {@code UNAVAILABLE} when the API server does not answer.
     */
    Either<PortFailure, Done> start();

    @Override
    void close();

    /** A store over {@code client}; nothing is started and no request is sent until {@link #start()}. */
    static KubernetesResourceStore create(KubernetesClient client, KubernetesStoreSettings settings) {
        return new InformedResourceStore(client, settings);
    }
}
