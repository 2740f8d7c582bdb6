package org.flinkop.adapters.kubernetes.store;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.List;
import org.flinkop.testkit.kube.KubeControlPlane;

/** Kubernetes clients for a test control plane, failing fast (no retries) so that an unreachable server shows as a failure value. */
public final class KubeClients {

    private KubeClients() {
    }

    public static KubernetesClient admin(KubeControlPlane plane) {
        return withToken(plane, plane.token());
    }

    public static KubernetesClient withToken(KubeControlPlane plane, String token) {
        return new KubernetesClientBuilder().withConfig(config(plane, token)).build();
    }

    /** An admin client that adds each request it sends, as "METHOD path", to {@code requests}. */
    public static KubernetesClient recording(KubeControlPlane plane, List<String> requests) {
        Interceptor recorder = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                requests.add(request.method() + " " + request.uri().getPath());
            }
        };
        return new KubernetesClientBuilder().withConfig(config(plane, plane.token()))
                .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("recorder", recorder)).build();
    }

    private static Config config(KubeControlPlane plane, String token) {
        Config config = Config.fromKubeconfig(plane.kubeconfig().toFile());
        config.setOauthToken(token);
        config.setRequestRetryBackoffLimit(0);
        config.setRequestTimeout(10_000);
        return config;
    }
}
