package org.flinkop.runtime.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.flinkop.testkit.kube.KubeControlPlane;

/**
 * A test's view of the real API server in one namespace: kubectl as a user runs it, an administrator's client to
 * look at what exists, and waiting for a condition with a message that shows what was there instead.
 */
final class KubeWorld implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final ResourceDefinitionContext FLINK_DEPLOYMENTS = context("FlinkDeployment", "flinkdeployments");
    static final ResourceDefinitionContext FLINK_SESSION_JOBS = context("FlinkSessionJob", "flinksessionjobs");
    static final ResourceDefinitionContext FLINK_STATE_SNAPSHOTS = context("FlinkStateSnapshot", "flinkstatesnapshots");

    private final KubeControlPlane plane;
    private final String namespace;
    private final KubernetesClient client;

    KubeWorld(KubeControlPlane plane, String namespace) {
        this.plane = plane;
        this.namespace = namespace;
        Config config = Config.fromKubeconfig(plane.kubeconfig().toFile());
        config.setRequestTimeout(10_000);
        this.client = new KubernetesClientBuilder().withConfig(config).build();
    }

    private static ResourceDefinitionContext context(String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup("flink.apache.org").withVersion("v1beta1").withKind(kind).withPlural(plural)
                .withNamespaced(true).build();
    }

    static Path examples() {
        return Path.of(System.getProperty("flinkop.root", "..")).resolve("examples").toAbsolutePath().normalize();
    }

    static Path itDir() {
        return Path.of(System.getProperty("flinkop.it.dir", "target/it")).toAbsolutePath();
    }

    String namespace() {
        return namespace;
    }

    KubernetesClient client() {
        return client;
    }

    KubeControlPlane plane() {
        return plane;
    }

    /** kubectl in this namespace; fails with kubectl's own message. */
    String kubectl(String... arguments) {
        List<String> all = new ArrayList<>(List.of("-n", namespace));
        all.addAll(List.of(arguments));
        return plane.kubectl(all.toArray(String[]::new));
    }

    /** {@code kubectl apply -f} of an example file, unchanged. */
    String applyExample(String file) {
        return kubectl("apply", "-f", examples().resolve(file).toString());
    }

    /** Applies YAML text as a user's file would be. */
    String applyYaml(String name, String yaml) {
        try {
            Path file = itDir().resolve("manifests").resolve(namespace + "-" + name + ".yaml");
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml);
            return kubectl("apply", "-f", file.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A merge patch of a FlinkDeployment's spec, as {@code kubectl patch} sends it. */
    void patchFlinkDeployment(String name, String mergePatch) {
        kubectl("patch", "flinkdeployment", name, "--type", "merge", "-p", mergePatch);
    }

    GenericKubernetesResource flinkDeployment(String name) {
        return client.genericKubernetesResources(FLINK_DEPLOYMENTS).inNamespace(namespace).withName(name).get();
    }

    GenericKubernetesResource sessionJob(String name) {
        return client.genericKubernetesResources(FLINK_SESSION_JOBS).inNamespace(namespace).withName(name).get();
    }

    GenericKubernetesResource snapshot(String name) {
        return client.genericKubernetesResources(FLINK_STATE_SNAPSHOTS).inNamespace(namespace).withName(name).get();
    }

    Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    ConfigMap configMap(String name) {
        return client.configMaps().inNamespace(namespace).withName(name).get();
    }

    List<Event> events() {
        return client.v1().events().inNamespace(namespace).list().getItems();
    }

    /** Every object of the kinds a cluster is made of (and what the controller manager makes of them) that carries {@code labels}. */
    List<HasMetadata> clusterObjects(Map<String, String> labels) {
        List<HasMetadata> found = new ArrayList<>();
        found.addAll(client.apps().deployments().inNamespace(namespace).withLabels(labels).list().getItems());
        found.addAll(client.apps().replicaSets().inNamespace(namespace).withLabels(labels).list().getItems());
        found.addAll(client.pods().inNamespace(namespace).withLabels(labels).list().getItems());
        found.addAll(client.services().inNamespace(namespace).withLabels(labels).list().getItems());
        found.addAll(client.configMaps().inNamespace(namespace).withLabels(labels).list().getItems());
        found.addAll(client.network().v1().ingresses().inNamespace(namespace).withLabels(labels).list().getItems());
        return found;
    }

    /** The kind and name of each of {@link #clusterObjects}, for messages. */
    List<String> clusterObjectNames(Map<String, String> labels) {
        return clusterObjects(labels).stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
    }

    /** A status field of a custom resource, by path ({@code "jobStatus", "state"}); null while missing. */
    @SuppressWarnings("unchecked")
    static Object status(GenericKubernetesResource resource, String... path) {
        if (resource == null) {
            return null;
        }
        Object at = resource.getAdditionalProperties().get("status");
        for (String step : path) {
            if (!(at instanceof Map<?, ?> map)) {
                return null;
            }
            at = ((Map<String, Object>) map).get(step);
        }
        return at;
    }

    /** Waits until {@code condition} holds; fails naming {@code what} and showing {@code state} as it last was. */
    static void await(String what, Supplier<Boolean> condition, Supplier<?> state) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(condition.get())) {
                return;
            }
            sleep(200);
        }
        if (Boolean.TRUE.equals(condition.get())) {
            return;
        }
        throw new AssertionError(what + " did not happen within " + PATIENCE.toSeconds() + " s; now: " + state.get());
    }

    /** What kubectl printed on stderr when it failed; fails the test when kubectl succeeded. */
    static String refusalOf(Runnable kubectl) {
        try {
            kubectl.run();
        } catch (IllegalStateException refused) {
            return refused.getMessage();
        }
        throw new AssertionError("kubectl succeeded; a refusal was expected");
    }

    /** A port free on 127.0.0.1 now, for a server the API server is told about before it starts. */
    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
