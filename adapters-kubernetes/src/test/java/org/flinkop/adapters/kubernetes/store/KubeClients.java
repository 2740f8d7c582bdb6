package org.flinkop.adapters.kubernetes.store;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.flinkop.testkit.kube.KubeControlPlane;

/** Kubernetes clients for a test control plane, failing fast (no retries) so that an unreachable server shows as a failure value. */
final class KubeClients {

    private KubeClients() {
    }

    static KubernetesClient admin(KubeControlPlane plane) {
        return withToken(plane, plane.token());
    }

    static KubernetesClient withToken(KubeControlPlane plane, String token) {
        Config config = Config.fromKubeconfig(plane.kubeconfig().toFile());
        config.setOauthToken(token);
        config.setRequestRetryBackoffLimit(0);
        config.setRequestTimeout(10_000);
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
