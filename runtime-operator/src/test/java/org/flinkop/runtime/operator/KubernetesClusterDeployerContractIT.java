package org.flinkop.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.util.Modules;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.flinkop.adapters.kubernetes.deploy.KubernetesDeployerModule;
import org.flinkop.domain.binding.Bound;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.flinkop.ports.cluster.JobManagerEndpoints;
import org.flinkop.testkit.contract.AbstractClusterDeployerContractTest;
import org.flinkop.testkit.kube.KubeNamespace;
import org.flinkop.testkit.kube.WithKubeApiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The Kubernetes cluster deployer passes the deployer contract against the real API server, with a process kubelet
 * running its pods as Flink processes of this machine: a standalone application cluster of Flink 1.20 is deployed,
 * becomes ready with a REST endpoint, and goes when deleted, leaving no process behind.
 */
@WithKubeApiServer
class KubernetesClusterDeployerContractIT extends AbstractClusterDeployerContractTest {

    private FlinkOnKubelet flink;
    private ClusterDeployer deployer;
    private KubernetesClient client;
    private String namespace;

    @BeforeEach
    void start(KubeNamespace kubeNamespace) {
        namespace = kubeNamespace.name();
        flink = FlinkOnKubelet.withoutOperator(kubeNamespace);
        client = flink.world().client();
        JobManagerEndpoints endpoints = flink.kubelet().jobManagerEndpoints();
        deployer = Guice.createInjector(binder -> binder.bind(KubernetesClient.class).toInstance(client),
                        Modules.override(new KubernetesDeployerModule()).with(binder -> binder.bind(JobManagerEndpoints.class).toInstance(endpoints)))
                .getInstance(ClusterDeployer.class);
    }

    @AfterEach
    void stop() throws IOException {
        flink.close();
    }

    @Override
    protected ClusterDeployer deployer() {
        return deployer;
    }

    @Override
    protected String namespace() {
        return namespace;
    }

    @Override
    protected FlinkDeploymentSpec applicationSpec() {
        Bound bound = ResourceBinding.decode(new KubernetesSerialization().unmarshal(yaml("contract"), Map.class));
        assertThat(bound.violations()).isEmpty();
        return ((FlinkDeployment) bound.resource().get()).spec();
    }

    /** The cluster's objects are owned by a FlinkDeployment of the same name, as the operator's are. */
    @Override
    protected void beforeDeploy(ResourceKey key) {
        flink.world().applyYaml(key.name(), yaml(key.name()));
    }

    @Override
    protected void awaitUntil(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(FlinkOnKubelet.PATIENCE);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited %s", FlinkOnKubelet.PATIENCE).isBefore(deadline);
            KubeWorld.sleep(Duration.ofMillis(250).toMillis());
        }
    }

    private String yaml(String name) {
        return """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata: {name: %s, namespace: %s}
                spec:
                  image: flink:1.20
                  flinkVersion: v1_20
                  mode: standalone
                  flinkConfiguration:
                    taskmanager.numberOfTaskSlots: "1"
                    cluster.registration.error-delay: "1000"
                  jobManager: {resource: {memory: 768m, cpu: 0.5}}
                  taskManager: {resource: {memory: 1024m, cpu: 0.5}}
                  job:
                    jarURI: local:///opt/flink/usrlib/%s
                    entryClass: %s
                    args: [--keys, "4", --delay-ms, "100"]
                    parallelism: 1
                    upgradeMode: stateless
                """.formatted(name, namespace, FlinkOnKubelet.JOB_JAR, FlinkOnKubelet.JOB_CLASS);
    }
}
