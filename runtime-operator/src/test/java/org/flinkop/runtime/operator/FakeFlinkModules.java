package org.flinkop.runtime.operator;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.atomic.AtomicReference;
import org.flinkop.adapters.kubernetes.deploy.KubernetesDeployerModule;
import org.flinkop.ports.artifact.Artifacts;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.flinkop.ports.flink.FlinkJobClient;
import org.flinkop.testkit.artifact.FakeArtifacts;
import org.flinkop.testkit.flink.FakeFlink;

/** The modules that replace the Flink side of the operator in tests without a kubelet: see {@link FakeFlinkAwareDeployer}. */
final class FakeFlinkModules {

    private FakeFlinkModules() {
    }

    /** Binds the {@link FlinkJobClient} to {@code flink}. */
    static AbstractModule flink(FakeFlink flink) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(FlinkJobClient.class).toInstance(flink);
            }
        };
    }

    /** Binds {@link Artifacts} to {@code artifacts}. */
    static AbstractModule artifacts(FakeArtifacts artifacts) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(Artifacts.class).toInstance(artifacts);
            }
        };
    }

    /**
     * Binds the {@link ClusterDeployer} to the real Kubernetes deployer (as {@link KubernetesDeployerModule} binds it,
     * over the operator's own client) wrapped so that {@code flink} runs what its pods would; {@code created}
     * receives the wrapper.
     */
    static AbstractModule deployer(FakeFlink flink, AtomicReference<FakeFlinkAwareDeployer> created) {
        return new AbstractModule() {
            @Provides
            @Singleton
            ClusterDeployer deployer(KubernetesClient client, org.flinkop.runtime.operator.config.OperatorConfig config) {
                // the deployer module binds the same key this module does, so it is asked in an injector of its own
                ClusterDeployer kubernetes = Guice.createInjector(new KubernetesDeployerModule(config.namespaces()),
                        binder -> binder.bind(KubernetesClient.class).toInstance(client)).getInstance(ClusterDeployer.class);
                FakeFlinkAwareDeployer deployer = new FakeFlinkAwareDeployer(kubernetes, flink);
                created.set(deployer);
                return deployer;
            }
        };
    }
}
