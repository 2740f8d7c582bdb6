package org.flinkop.adapters.kubernetes.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Set;
import org.flinkop.ports.store.ResourceStore;
import org.flinkop.testkit.contract.AbstractResourceStoreContractTest;
import org.flinkop.testkit.kube.KubeControlPlane;
import org.flinkop.testkit.kube.KubeNamespace;
import org.flinkop.testkit.kube.WithKubeApiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The resource store contract against a real kube-apiserver with the project's CRDs. */
@WithKubeApiServer
class KubernetesResourceStoreContractIT extends AbstractResourceStoreContractTest {

    private static KubernetesClient client;
    private KubernetesResourceStore store;
    private String namespace;

    @BeforeAll
    static void connect(KubeControlPlane plane) {
        client = KubeClients.admin(plane);
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void startStore(KubeNamespace kubeNamespace) {
        namespace = kubeNamespace.name();
        store = KubernetesResourceStore.create(client, KubernetesStoreSettings.defaults().withNamespaces(Set.of(namespace)));
        assertThat(store.start().isRight()).as("store started").isTrue();
    }

    @AfterEach
    void stopStore() {
        store.close();
    }

    @Override
    protected ResourceStore store() {
        return store;
    }

    @Override
    protected String namespace() {
        return namespace;
    }
}
