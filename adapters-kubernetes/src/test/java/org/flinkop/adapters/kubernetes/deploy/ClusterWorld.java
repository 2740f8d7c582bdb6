package org.flinkop.adapters.kubernetes.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.flinkop.adapters.kubernetes.store.KubeClients;
import org.flinkop.testkit.kube.KubeControlPlane;

/** A test's view of the real API server: clients, FlinkDeployments created from the examples, and what exists in a namespace. */
final class ClusterWorld {

    private static final String HOLD = "example.org/hold";

    static final ResourceDefinitionContext FLINK_DEPLOYMENTS = new ResourceDefinitionContext.Builder()
            .withGroup("flink.apache.org").withVersion("v1beta1").withKind("FlinkDeployment").withPlural("flinkdeployments").withNamespaced(true).build();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final KubernetesClient client;
    private final String namespace;

    ClusterWorld(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** A client with the given token that fails fast: no retries, a bounded request time. */
    static KubernetesClient client(KubeControlPlane plane, String token) {
        return KubeClients.withToken(plane, token);
    }

    /** Creates the FlinkDeployment of an example file in the namespace, as a user's {@code kubectl apply} would. */
    GenericKubernetesResource createFlinkDeployment(String example) {
        try {
            GenericKubernetesResource resource = client.getKubernetesSerialization()
                    .unmarshal(Files.readString(Fixtures.EXAMPLES.resolve(example)), GenericKubernetesResource.class);
            resource.getMetadata().setNamespace(namespace);
            return client.genericKubernetesResources(FLINK_DEPLOYMENTS).inNamespace(namespace).resource(resource).create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void deleteFlinkDeployment(String name) {
        client.genericKubernetesResources(FLINK_DEPLOYMENTS).inNamespace(namespace).withName(name).delete();
    }

    /** A ConfigMap labelled as Flink's Kubernetes HA services label theirs (Flink creates them, not the operator). */
    ConfigMap createHaConfigMap(String cluster, String suffix) {
        ConfigMap configMap = new ConfigMapBuilder().withNewMetadata().withName(cluster + "-" + suffix).withNamespace(namespace)
                .withLabels(Map.of("app", cluster, "configmap-type", "high-availability", "type", "flink-native-kubernetes")).endMetadata()
                .withData(Map.of("counter", "1")).build();
        return client.configMaps().inNamespace(namespace).resource(configMap).create();
    }

    Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    ConfigMap configMap(String name) {
        return client.configMaps().inNamespace(namespace).withName(name).get();
    }

    /** A pod with {@code labels} that no controller owns (no node runs it here), standing for one that is still stopping. */
    Pod createPod(String name, Map<String, String> labels) {
        return client.pods().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName(name)
                .withLabels(labels).endMetadata().withNewSpec().addNewContainer().withName("flink-main-container").withImage("flink:1.20").endContainer()
                .endSpec().build()).create();
    }

    /** A pod with {@code labels} that is being deleted and never goes: a finalizer holds it, as a lost node holds a pod. */
    Pod createStuckPod(String name, Map<String, String> labels) {
        client.pods().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName(name)
                .withLabels(labels).withFinalizers(HOLD).endMetadata().withNewSpec().addNewContainer().withName("flink-main-container")
                .withImage("flink:1.20").endContainer().endSpec().build()).create();
        client.pods().inNamespace(namespace).withName(name).delete();
        return client.pods().inNamespace(namespace).withName(name).get();
    }

    /** Lets a pod made by {@link #createStuckPod} go. */
    void releaseStuckPod(String name) {
        client.pods().inNamespace(namespace).withName(name).edit(pod -> new io.fabric8.kubernetes.api.model.PodBuilder(pod).editMetadata()
                .withFinalizers(List.of()).endMetadata().build());
    }

    /** Writes what a kubelet writes of a container that waits for {@code reason}, through the pod's status subresource. */
    void setWaiting(String pod, String container, String reason, String message) {
        client.pods().inNamespace(namespace).withName(pod).editStatus(p -> new io.fabric8.kubernetes.api.model.PodBuilder(p).editOrNewStatus()
                .withPhase("Pending").withContainerStatuses(new io.fabric8.kubernetes.api.model.ContainerStatusBuilder().withName(container)
                        .withImage("flink:1.20").withImageID("").withReady(false).withRestartCount(0).withNewState().withNewWaiting()
                        .withReason(reason).withMessage(message).endWaiting().endState().build())
                .endStatus().build());
    }

    void deletePod(String name) {
        client.pods().inNamespace(namespace).withName(name).withGracePeriod(0).delete();
    }

    List<Pod> pods(Map<String, String> labels) {
        return client.pods().inNamespace(namespace).withLabels(labels).list().getItems();
    }

    /** Everything in the namespace labelled as this operator's for {@code cluster}, as "Kind name". */
    List<String> managedObjects(String cluster) {
        Map<String, String> labels = ClusterLabels.managed(cluster);
        return java.util.stream.Stream.of(
                        client.configMaps().inNamespace(namespace).withLabels(labels).list().getItems(),
                        client.services().inNamespace(namespace).withLabels(labels).list().getItems(),
                        client.apps().deployments().inNamespace(namespace).withLabels(labels).list().getItems(),
                        client.network().v1().ingresses().inNamespace(namespace).withLabels(labels).list().getItems())
                .flatMap(List::stream)
                .map(o -> ((HasMetadata) o).getKind() + " " + ((HasMetadata) o).getMetadata().getName())
                .sorted()
                .toList();
    }

    List<String> haConfigMaps(String cluster) {
        return client.configMaps().inNamespace(namespace).withLabels(ClusterLabels.haMetadata(cluster)).list().getItems().stream()
                .map(c -> c.getMetadata().getName()).sorted().toList();
    }

    /** Waits for what the API server or its controllers do in the background; fails after a generous minute. */
    static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("still not " + what + " after " + PATIENCE.toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
        }
    }
}
