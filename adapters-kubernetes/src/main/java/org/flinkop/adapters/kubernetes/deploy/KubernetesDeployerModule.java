package org.flinkop.adapters.kubernetes.deploy;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Set;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.flinkop.ports.cluster.JobManagerEndpoints;

/**
 * Binds {@link ClusterDeployer} to FlinkDeployments run as Kubernetes objects (native and standalone mode). The
 * runtime binds the {@link KubernetesClient} it talks to the API server with; its request timeout bounds every call
 * the deployer makes. JobManagers are reached at their REST Service's DNS name ({@link JobManagerEndpoints}); an
 * operator outside the cluster network overrides that binding with the addresses it can reach. The deployer's
 * watch (its secondary watches on the Deployments, ConfigMaps and Services it made) covers the namespaces given.
 */
public final class KubernetesDeployerModule extends AbstractModule {

    private final Set<String> watchedNamespaces;

    /** A deployer whose {@link ClusterDeployer#watch watch} covers every namespace. */
    public KubernetesDeployerModule() {
        this(Set.of());
    }

    /** @param watchedNamespaces the namespaces the deployer's {@link ClusterDeployer#watch watch} covers; empty for all */
    public KubernetesDeployerModule(Set<String> watchedNamespaces) {
        this.watchedNamespaces = Set.copyOf(watchedNamespaces);
    }

    @Override
    protected void configure() {
        requireBinding(KubernetesClient.class);
        bind(JobManagerEndpoints.class).toInstance(new ServiceDnsEndpoints());
    }

    @Provides
    @Singleton
    ClusterDeployer clusterDeployer(KubernetesClient client, JobManagerEndpoints endpoints) {
        return new KubernetesClusterDeployer(client, endpoints, watchedNamespaces);
    }
}
