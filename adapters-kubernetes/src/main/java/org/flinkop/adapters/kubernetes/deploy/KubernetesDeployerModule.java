package org.flinkop.adapters.kubernetes.deploy;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.flinkop.ports.cluster.ClusterDeployer;

/**
 * Binds {@link ClusterDeployer} to FlinkDeployments run as Kubernetes objects (native and standalone mode). The
 * runtime binds the {@link KubernetesClient} it talks to the API server with; its request timeout bounds every call
 * the deployer makes.
 */
public final class KubernetesDeployerModule extends AbstractModule {

    @Override
    protected void configure() {
        requireBinding(KubernetesClient.class);
    }

    @Provides
    @Singleton
    ClusterDeployer clusterDeployer(KubernetesClient client) {
        return new KubernetesClusterDeployer(client);
    }
}
