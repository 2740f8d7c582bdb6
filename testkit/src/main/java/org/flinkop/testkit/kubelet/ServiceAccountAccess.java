package org.flinkop.testkit.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * A pod's access to the API server, as a kubelet gives it. The token of the pod's service account
 * {@code spec.serviceAccountName}, requested from the API server bound to the pod (invalid once the pod is gone); a
 * pod that names none gets an unbound token of {@code default} (the test control plane runs without the admission
 * plugin that names {@code default} in the pod). The token, the API server's CA certificate and the pod's namespace
 * are written to {@code POD_DIR/serviceaccount/} ({@code token}, {@code ca.crt}, {@code namespace}: what a kubelet
 * mounts at {@code /var/run/secrets/kubernetes.io/serviceaccount}). Since a process of this machine cannot be given
 * that fixed path, the same access is also written as {@code POD_DIR/serviceaccount/kubeconfig}, which every
 * container finds through {@code KUBECONFIG}: Flink's Kubernetes client (high availability, native mode) reads it
 * when {@code kubernetes.config.file} is not set. The token is valid for a day and is not refreshed. A pod with
 * {@code automountServiceAccountToken: false} gets none of this. What the token may do is what RBAC grants the
 * service account.
 */
final class ServiceAccountAccess {

    static final String KUBECONFIG = "KUBECONFIG";
    private static final long TOKEN_SECONDS = 24 * 3600L;

    private final KubernetesClient client;

    ServiceAccountAccess(KubernetesClient client) {
        this.client = client;
    }

    /**
     * The kubeconfig of the pod's service account, written once per pod into its directory.
     *
     * @return empty when the pod asks for no token
     * @throws IOException when the token cannot be had (no such service account yet) or the files written
     */
    Optional<Path> kubeconfig(Pod pod, RunningPod running) throws IOException {
        if (Boolean.FALSE.equals(pod.getSpec().getAutomountServiceAccountToken())) {
            return Optional.empty();
        }
        Path dir = running.dir.resolve("serviceaccount");
        Path kubeconfig = dir.resolve("kubeconfig");
        if (Files.exists(kubeconfig)) {
            return Optional.of(kubeconfig);
        }
        String named = pod.getSpec().getServiceAccountName();
        boolean bound = named != null && !named.isBlank();
        String account = bound ? named : "default";
        String token = token(pod, account, bound);
        Files.createDirectories(dir);
        Files.write(dir.resolve("ca.crt"), caCertificate());
        Files.writeString(dir.resolve("namespace"), running.namespace);
        Files.writeString(dir.resolve("token"), token);
        Path partial = dir.resolve("kubeconfig.tmp");
        Files.writeString(partial, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: kubernetes
                  cluster: {server: "%s", certificate-authority: "%s"}
                users:
                - name: %s
                  user: {token: "%s"}
                contexts:
                - name: pod
                  context: {cluster: kubernetes, user: %s, namespace: %s}
                current-context: pod
                """.formatted(client.getConfiguration().getMasterUrl(), dir.resolve("ca.crt"), account, token, account, running.namespace));
        Files.move(partial, kubeconfig);
        return Optional.of(kubeconfig);
    }

    private String token(Pod pod, String account, boolean boundToPod) throws IOException {
        TokenRequest request = boundToPod
                ? new TokenRequestBuilder().withNewSpec().withExpirationSeconds(TOKEN_SECONDS).withNewBoundObjectRef().withApiVersion("v1").withKind("Pod")
                        .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).endBoundObjectRef().endSpec().build()
                : new TokenRequestBuilder().withNewSpec().withExpirationSeconds(TOKEN_SECONDS).endSpec().build();
        try {
            return client.serviceAccounts().inNamespace(pod.getMetadata().getNamespace()).withName(account).tokenRequest(request).getStatus().getToken();
        } catch (KubernetesClientException e) {
            throw new IOException("cannot get a token of service account " + pod.getMetadata().getNamespace() + "/" + account + ": " + e.getMessage(), e);
        }
    }

    private byte[] caCertificate() throws IOException {
        Config config = client.getConfiguration();
        if (config.getCaCertData() != null && !config.getCaCertData().isBlank()) {
            return Base64.getDecoder().decode(config.getCaCertData().trim());
        }
        if (config.getCaCertFile() != null) {
            return Files.readAllBytes(Path.of(config.getCaCertFile()));
        }
        throw new IOException("the kubelet's own kubeconfig names no CA certificate of the API server");
    }
}
