package org.flinkop.runtime.operator.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Objects;

/**
 * Binds the {@link KubernetesClient} the store and the deployer talk to the API server with, from a client
 * configuration the runtime has already read (a kubeconfig, or the pod's service account). The client connects on
 * first use; the runtime closes it last.
 */
public final class KubernetesClientModule extends AbstractModule {

    private final Config config;

    public KubernetesClientModule(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Provides
    @Singleton
    KubernetesClient kubernetesClient() {
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new OperatorHttpClientFactory()).build();
    }
}
