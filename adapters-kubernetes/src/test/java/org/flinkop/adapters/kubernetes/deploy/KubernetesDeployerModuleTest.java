package org.flinkop.adapters.kubernetes.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.junit.jupiter.api.Test;

class KubernetesDeployerModuleTest {

    @Test
    void the_module_binds_one_deployer_on_the_runtimes_client_without_talking_to_the_api_server() {
        // nothing listens on port 1: any request would fail, and none must be sent while wiring
        Config unreachable = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:1").build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(unreachable).build()) {
            Injector injector = Guice.createInjector(new KubernetesDeployerModule(), binder -> {
                binder.requireExplicitBindings();
                binder.bind(KubernetesClient.class).toInstance(client);
            });

            ClusterDeployer deployer = injector.getInstance(ClusterDeployer.class);

            assertThat(deployer).isInstanceOf(KubernetesClusterDeployer.class).isSameAs(injector.getInstance(ClusterDeployer.class));
            assertThat(deployer.keepsHaMetadata()).isTrue();
        }
    }

    @Test
    void without_a_client_from_the_runtime_wiring_fails_naming_it() {
        assertThatThrownBy(() -> Guice.createInjector(new KubernetesDeployerModule()))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("KubernetesClient");
    }
}
