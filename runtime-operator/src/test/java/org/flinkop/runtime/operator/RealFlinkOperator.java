package org.flinkop.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Injector;
import com.google.inject.util.Modules;
import io.fabric8.kubernetes.client.Config;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.flinkop.adapters.kubernetes.deploy.KubernetesDeployerModule;
import org.flinkop.ports.cluster.JobManagerEndpoints;
import org.flinkop.runtime.operator.config.ConfigReader;
import org.flinkop.runtime.operator.config.OperatorConfig;
import org.flinkop.runtime.operator.lifecycle.OperatorRuntime;
import org.flinkop.runtime.operator.logging.LogLevel;
import org.flinkop.runtime.operator.logging.LogOutput;
import org.flinkop.runtime.operator.logging.LogSink;
import org.flinkop.runtime.operator.logging.SecretMasker;
import org.flinkop.runtime.operator.wiring.OperatorWiring;
import org.flinkop.testkit.kube.KubeControlPlane;

/**
 * The operator as {@link OperatorMain} wires it, every part real (the Kubernetes deployer, Flink's REST client, the
 * jar fetcher), started in this JVM against a test control plane whose pods a process kubelet runs. The one
 * difference: this operator is outside the pod network, so it reaches JobManagers at the addresses the kubelet
 * publishes ({@code endpoints}) instead of their Services' DNS names.
 */
final class RealFlinkOperator implements AutoCloseable {

    private final OperatorRuntime runtime;
    private final CapturedLog log;

    private RealFlinkOperator(OperatorRuntime runtime, CapturedLog log) {
        this.runtime = runtime;
        this.log = log;
    }

    static RealFlinkOperator start(KubeControlPlane plane, Map<String, String> settings, JobManagerEndpoints endpoints, Path logFile) {
        Config client = KubeClientConfig.resolve(Option.some(plane.kubeconfig()), Duration.ofSeconds(5)).getOrElseThrow(message -> new IllegalStateException(message));
        OperatorConfig config = ConfigReader.read(settings, Map.of(), logFile.getParent().resolve("artifacts"))
                .getOrElseThrow(problems -> new IllegalArgumentException("bad test settings: " + problems));
        CapturedLog log = new CapturedLog(logFile);
        LogSink sink = new LogSink(log.printStream(), LogLevel.INFO, new SecretMasker(), Clock.systemUTC());
        LogOutput.install(sink);
        Injector injector = OperatorWiring.of(config, client, sink)
                .withDeployer(Modules.override(new KubernetesDeployerModule(config.namespaces())).with(binder -> binder.bind(JobManagerEndpoints.class).toInstance(endpoints)))
                .injector();
        OperatorRuntime runtime = injector.getInstance(OperatorRuntime.class);
        var started = runtime.start();
        assertThat(started.isRight()).as("the operator started: %s", started).isTrue();
        return new RealFlinkOperator(runtime, log);
    }

    String logText() {
        return log.text();
    }

    @Override
    public void close() throws IOException {
        runtime.stop();
        log.close();
    }
}
