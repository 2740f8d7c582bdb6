package org.flinkop.runtime.operator.wiring;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import io.fabric8.kubernetes.client.Config;
import java.util.List;
import org.flinkop.adapters.flink.rest.FlinkRestModule;
import org.flinkop.adapters.flink.rest.artifact.ArtifactsModule;
import org.flinkop.adapters.kubernetes.deploy.KubernetesDeployerModule;
import org.flinkop.adapters.kubernetes.store.KubernetesStoreModule;
import org.flinkop.runtime.operator.config.OperatorConfig;
import org.flinkop.runtime.operator.lifecycle.OperatorRuntime;
import org.flinkop.runtime.operator.logging.LogSink;

/**
 * The modules the operator is made of: the Kubernetes client, the resource store, the cluster deployer, the Flink
 * REST client, the jar fetcher and the operator runtime itself. Each is one module, so that another runtime or a
 * test varies the operator by replacing a module, never by a flag.
 *
 * @param client   binds the {@code KubernetesClient}
 * @param store    binds the {@code ResourceStore} and {@code KubernetesResourceStore}
 * @param deployer binds the {@code ClusterDeployer}
 * @param flink    binds the {@code FlinkJobClient}
 * @param artifacts binds the {@code Artifacts}
 * @param operator the runtime's own parts
 */
public record OperatorWiring(Module client, Module store, Module deployer, Module flink, Module artifacts, Module operator) {

    /** The in-cluster operator: every part real. */
    public static OperatorWiring of(OperatorConfig config, Config clientConfig, LogSink sink) {
        return new OperatorWiring(new KubernetesClientModule(clientConfig), new KubernetesStoreModule(config.store()), new KubernetesDeployerModule(config.namespaces()),
                new FlinkRestModule(config.flinkRest()), new ArtifactsModule(config.artifacts()), new OperatorModule(config, sink));
    }

    public OperatorWiring withDeployer(Module replacement) {
        return new OperatorWiring(client, store, replacement, flink, artifacts, operator);
    }

    public OperatorWiring withFlink(Module replacement) {
        return new OperatorWiring(client, store, deployer, replacement, artifacts, operator);
    }

    public OperatorWiring withArtifacts(Module replacement) {
        return new OperatorWiring(client, store, deployer, flink, replacement, operator);
    }

    public List<Module> modules() {
        return List.of(client, store, deployer, flink, artifacts, operator);
    }

    /** The one injector of the operator. */
    public Injector injector() {
        return Guice.createInjector(Stage.PRODUCTION, modules());
    }

    /** The operator's runtime, not started. */
    public OperatorRuntime runtime() {
        return injector().getInstance(OperatorRuntime.class);
    }
}
