package org.flinkop.runtime.operator.lifecycle;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.vavr.control.Either;
import java.time.Duration;
import org.flinkop.ports.Done;

/** The Kubernetes client: nothing to start (it connects on first use); stopping closes its connections and threads, last. */
public final class ClientLifecycle implements Lifecycle {

    private final KubernetesClient client;

    public ClientLifecycle(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return "kubernetes client";
    }

    @Override
    public Either<String, Done> start() {
        return Either.right(Done.DONE);
    }

    @Override
    public void stop(Duration grace) {
        client.close();
    }
}
