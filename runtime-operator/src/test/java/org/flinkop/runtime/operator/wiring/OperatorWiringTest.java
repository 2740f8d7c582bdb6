package org.flinkop.runtime.operator.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Injector;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.flinkop.adapters.kubernetes.store.KubernetesResourceStore;
import org.flinkop.ports.artifact.Artifacts;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.flinkop.ports.flink.FlinkJobClient;
import org.flinkop.ports.loop.ControlLoop;
import org.flinkop.ports.reconcile.Reconciler;
import org.flinkop.ports.store.ResourceStore;
import org.flinkop.runtime.operator.config.ConfigReader;
import org.flinkop.runtime.operator.config.OperatorConfig;
import org.flinkop.runtime.operator.http.HttpEndpoints;
import org.flinkop.runtime.operator.lifecycle.OperatorRuntime;
import org.flinkop.runtime.operator.logging.LogLevel;
import org.flinkop.runtime.operator.logging.LogSink;
import org.flinkop.runtime.operator.logging.SecretMasker;
import org.junit.jupiter.api.Test;

/** The whole operator wires from its modules without talking to anything: an API server that does not exist is never asked. */
class OperatorWiringTest {

    @Test
    void the_operator_is_made_of_its_modules_without_any_io() {
        OperatorConfig config = ConfigReader.read(Map.of(), Map.of(), Path.of("target", "artifacts")).get();
        Config client = new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build();
        LogSink sink = new LogSink(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), LogLevel.INFO, new SecretMasker(),
                Clock.systemUTC());

        Injector injector = OperatorWiring.of(config, client, sink).injector();

        for (Class<?> part : new Class<?>[] {KubernetesClient.class, KubernetesResourceStore.class, ResourceStore.class, ClusterDeployer.class,
                FlinkJobClient.class, Artifacts.class, Reconciler.class, ControlLoop.class, OperatorRuntime.class, HttpEndpoints.class}) {
            assertThat(injector.getInstance(part)).as(part.getSimpleName()).isNotNull();
        }
        assertThat(injector.getInstance(OperatorRuntime.class)).isSameAs(injector.getInstance(OperatorRuntime.class));
        assertThat(injector.getInstance(OperatorRuntime.class).parts()).extracting(p -> p.name())
                .containsExactly("http endpoints", "kubernetes client", "admission webhooks", "resource store", "control loop");
        assertThat(injector.getInstance(OperatorRuntime.class).ready()).isFalse();
        injector.getInstance(KubernetesClient.class).close();
    }
}
