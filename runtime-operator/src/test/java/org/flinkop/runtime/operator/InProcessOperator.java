package org.flinkop.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Injector;
import io.fabric8.kubernetes.client.Config;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.flinkop.runtime.operator.config.ConfigReader;
import org.flinkop.runtime.operator.config.OperatorConfig;
import org.flinkop.runtime.operator.config.OperatorKeys;
import org.flinkop.runtime.operator.http.HttpEndpoints;
import org.flinkop.runtime.operator.lifecycle.OperatorRuntime;
import org.flinkop.runtime.operator.logging.LogLevel;
import org.flinkop.runtime.operator.logging.LogOutput;
import org.flinkop.runtime.operator.logging.LogSink;
import org.flinkop.runtime.operator.logging.SecretMasker;
import org.flinkop.runtime.operator.wiring.OperatorWiring;
import org.flinkop.testkit.artifact.FakeArtifacts;
import org.flinkop.testkit.flink.FakeFlink;
import org.flinkop.testkit.kube.KubeControlPlane;

/**
 * The operator as {@link OperatorMain} wires it (the same configuration reader, client configuration and modules),
 * started in this JVM against a test control plane, with the Flink side replaced as {@link FakeFlinkAwareDeployer}
 * explains. Its log lines are captured; its endpoints listen on a free port of 127.0.0.1.
 */
final class InProcessOperator implements AutoCloseable {

    /** The jar the session job example names, served by the fake jar fetcher. */
    static final String SESSION_JOB_JAR = "https://repo1.maven.org/maven2/org/apache/flink/flink-examples-streaming/1.20.0/"
            + "flink-examples-streaming-1.20.0-TopSpeedWindowing.jar";
    /** The jar the last-state session job example names. */
    static final String LAST_STATE_SESSION_JOB_JAR = "file:///opt/flink/jobs/state-machine.jar";

    private final FakeFlink flink;
    private final FakeFlinkAwareDeployer deployer;
    private final OperatorRuntime runtime;
    private final CapturedLog log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private InProcessOperator(FakeFlink flink, FakeFlinkAwareDeployer deployer, OperatorRuntime runtime, CapturedLog log, int port) {
        this.flink = flink;
        this.deployer = deployer;
        this.runtime = runtime;
        this.log = log;
        this.port = port;
    }

    /** The settings every in-process operator of the tests starts with: quick to look again, endpoints on a free port of loopback. */
    static Map<String, String> testSettings(String namespace) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(OperatorKeys.WATCHED_NAMESPACES, namespace);
        settings.put(OperatorKeys.PROGRESS_CHECK_INTERVAL, "300 ms");
        settings.put(OperatorKeys.RETRY_INITIAL_INTERVAL, "200 ms");
        settings.put(OperatorKeys.RETRY_MAX_INTERVAL, "2 s");
        settings.put(OperatorKeys.RECONCILE_PARALLELISM, "4");
        settings.put(OperatorKeys.HTTP_ADDRESS, "127.0.0.1");
        settings.put(OperatorKeys.HEALTH_PROBE_PORT, "0");
        settings.put(OperatorKeys.SHUTDOWN_TIMEOUT, "10 s");
        settings.put(OperatorKeys.KUBERNETES_REQUEST_TIMEOUT, "5 s");
        settings.put(OperatorKeys.INFORMER_SYNC_TIMEOUT, "30 s");
        return settings;
    }

    /** Starts an operator with the control plane's administrator credentials. */
    static InProcessOperator start(KubeControlPlane plane, Map<String, String> settings, Path logFile) {
        Config client = KubeClientConfig.resolve(Option.some(plane.kubeconfig()), Duration.ofSeconds(5)).getOrElseThrow(message -> new IllegalStateException(message));
        return start(client, settings, logFile);
    }

    /** Starts an operator with {@code client}'s credentials. */
    static InProcessOperator start(Config client, Map<String, String> settings, Path logFile) {
        OperatorConfig config = ConfigReader.read(settings, Map.of(), logFile.getParent().resolve("artifacts"))
                .getOrElseThrow(problems -> new IllegalArgumentException("bad test settings: " + problems));
        CapturedLog log = new CapturedLog(logFile);
        LogSink sink = new LogSink(log.printStream(), LogLevel.INFO, new SecretMasker(), Clock.systemUTC());
        LogOutput.install(sink);
        FakeFlink flink = new FakeFlink(Clock.systemUTC(), true,
                new FakeFlink.Latencies(Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofMillis(100)));
        FakeArtifacts artifacts = new FakeArtifacts(false, 1 << 20).serve(SESSION_JOB_JAR, "a jar")
                .serve(LAST_STATE_SESSION_JOB_JAR, "another jar");
        AtomicReference<FakeFlinkAwareDeployer> deployer = new AtomicReference<>();
        Injector injector = OperatorWiring.of(config, client, sink)
                .withFlink(FakeFlinkModules.flink(flink))
                .withArtifacts(FakeFlinkModules.artifacts(artifacts))
                .withDeployer(FakeFlinkModules.deployer(flink, deployer))
                .injector();
        OperatorRuntime runtime = injector.getInstance(OperatorRuntime.class);
        var started = runtime.start();
        assertThat(started.isRight()).as("the operator started: %s", started).isTrue();
        return new InProcessOperator(flink, deployer.get(), runtime, log, injector.getInstance(HttpEndpoints.class).port());
    }

    FakeFlink flink() {
        return flink;
    }

    FakeFlinkAwareDeployer deployer() {
        return deployer;
    }

    OperatorRuntime runtime() {
        return runtime;
    }

    String logText() {
        return log.text();
    }

    /** GETs {@code path} from the operator's endpoints: the status code and the body. */
    HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        runtime.stop();
        log.close();
    }
}
