package org.flinkop.runtime.embedded.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.flinkop.adapters.flink.rest.FlinkRestModule;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.ports.api.OperatorApi;
import org.flinkop.ports.artifact.Artifacts;
import org.flinkop.ports.flink.FlinkJobClient;
import org.flinkop.ports.loop.ControlLoop;
import org.flinkop.ports.reconcile.Reconciler;
import org.flinkop.runtime.embedded.loop.ExecutorScheduler;
import org.flinkop.testkit.store.FakeResourceStore;

/**
 * The operator as the embedded runtime runs it, for integration tests on real Flink: the control loop on real
 * threads, the local process deployer, the Flink REST adapter, and an in-memory store. Tests apply documents and
 * wait for the status they expect; {@link #close()} stops every process.
 */
final class LocalOperator implements AutoCloseable {

    /** How often the operator looks again while something is in flight, in these tests. */
    static final Duration PROGRESS_INTERVAL = Duration.ofMillis(200);

    private final Path work;
    private final FakeResourceStore store;
    private final LocalProcessDeployer deployer;
    private final FlinkJobClient flink;
    private final ExecutorScheduler scheduler;
    private final ControlLoop loop;
    private final OperatorApi api;
    private final AutoCloseable clusterChanges;

    /** @param artifacts the artifacts adapter, given the operator's work directory */
    LocalOperator(String version, String name, java.util.function.Function<Path, Artifacts> artifacts) throws IOException, InterruptedException {
        this(version, name, artifacts, java.util.function.UnaryOperator.identity(), java.util.function.UnaryOperator.identity());
    }

    /** An operator whose reconciler sees the deployer and the Flink client through {@code deployerView} and {@code flinkView}. */
    LocalOperator(String version, String name, java.util.function.Function<Path, Artifacts> artifacts,
            java.util.function.UnaryOperator<org.flinkop.ports.cluster.ClusterDeployer> deployerView,
            java.util.function.UnaryOperator<FlinkJobClient> flinkView) throws IOException, InterruptedException {
        String classpath = FlinkDistributions.classpath(version);
        this.work = FlinkDistributions.workDir(name + "-" + version);
        this.store = new FakeResourceStore(Clock.systemUTC());
        this.deployer = new LocalProcessDeployer(v -> classpath, work.resolve("clusters"), work.resolve("state"), Duration.ofSeconds(120));
        this.flink = Guice.createInjector(new FlinkRestModule()).getInstance(FlinkJobClient.class);
        OperatorSettings settings = OperatorSettings.defaults().withProgressInterval(PROGRESS_INTERVAL);
        Reconciler reconciler = new Reconciler(new Reconciler.Ports(store, deployerView.apply(deployer), flinkView.apply(flink), artifacts.apply(work),
                Clock.systemUTC(), settings));
        this.scheduler = new ExecutorScheduler(2);
        this.loop = new ControlLoop(reconciler::reconcile, store, scheduler, ControlLoop.Settings.defaults());
        this.api = new OperatorApi(store, reconciler, false);
        this.clusterChanges = deployer.watch(loop::trigger);
        loop.start();
    }

    Path work() {
        return work;
    }

    LocalProcessDeployer deployer() {
        return deployer;
    }

    FlinkJobClient flink() {
        return flink;
    }

    FakeResourceStore store() {
        return store;
    }

    /** Applies a document as a user would, through admission. */
    FlinkResource apply(Map<String, Object> document) {
        var applied = api.apply(document);
        assertThat(applied.isRight()).as("applied: %s", applied).isTrue();
        return applied.get();
    }

    void delete(ResourceKey key) {
        var deleted = api.delete(key);
        assertThat(deleted.isRight()).as("deleted: %s", deleted).isTrue();
    }

    /** Waits until the stored resource satisfies {@code condition}; fails naming {@code what} and showing the status. */
    @SuppressWarnings("unchecked")
    <T extends FlinkResource> T await(ResourceKey key, Duration timeout, String what, Predicate<T> condition) {
        long deadline = timeout.toMillis() / 100;
        for (long i = 0; i < deadline; i++) {
            var current = store.get(key);
            if (current.isDefined() && condition.test((T) current.get())) {
                return (T) current.get();
            }
            sleep(100);
        }
        throw new AssertionError(what + " did not happen within " + timeout.toSeconds() + " s; resource now: "
                + store.get(key).map(Object::toString).getOrElse("gone") + "; events: " + store.events(key) + "; logs: " + work + startFailures());
    }

    /** The causes of clusters that did not start, as their log directories keep them: the logs are gone once a CI run ends. */
    private String startFailures() {
        try (Stream<Path> found = Files.find(work, 6, (path, attributes) -> path.endsWith("start-failure.log"))) {
            StringBuilder text = new StringBuilder();
            for (Path failure : found.sorted().toList()) {
                text.append("\n").append(work.relativize(failure)).append(":\n  ")
                        .append(String.join("\n  ", Files.readAllLines(failure).stream().limit(20).toList()));
            }
            return text.toString();
        } catch (IOException e) {
            return "; start failures unreadable: " + e;
        }
    }

    /** Waits until the resource is gone from the store. */
    void awaitGone(ResourceKey key, Duration timeout) {
        FlinkDistributions.awaitUntil(() -> store.get(key).isEmpty(), timeout, "the status of " + key + ": " + store.get(key));
    }

    /** The log directory of the newest cluster deployed for {@code key}. */
    Path newestClusterLogs(ResourceKey key) throws IOException {
        Path clusters = work.resolve("clusters").resolve(key.namespace() + "-" + key.name());
        try (Stream<Path> runs = Files.list(clusters)) {
            return runs.filter(Files::isDirectory).max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString()))).orElseThrow()
                    .resolve("log");
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            clusterChanges.close();
            loop.stop(Duration.ofSeconds(30));
            scheduler.close();
        } finally {
            try {
                deployer.close();
            } finally {
                if (flink instanceof AutoCloseable closeable) {
                    closeable.close();
                }
            }
        }
    }
}
