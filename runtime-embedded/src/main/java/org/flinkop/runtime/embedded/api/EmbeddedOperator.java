package org.flinkop.runtime.embedded.api;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.flinkop.adapters.flink.rest.FlinkRestModule;
import org.flinkop.adapters.flink.rest.artifact.ArtifactSettings;
import org.flinkop.adapters.flink.rest.artifact.ArtifactsModule;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.FlinkVersion;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.Done;
import org.flinkop.ports.api.OperatorApi;
import org.flinkop.ports.api.OperatorApi.Plan;
import org.flinkop.ports.api.OperatorApi.Refusal;
import org.flinkop.ports.artifact.Artifacts;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.flinkop.ports.flink.FlinkJobClient;
import org.flinkop.ports.loop.ControlLoop;
import org.flinkop.ports.store.RecordedEvent;
import org.flinkop.ports.store.ResourceStore;
import org.flinkop.runtime.embedded.local.FlinkJars;
import org.flinkop.runtime.embedded.local.LocalProcessDeployer;
import org.flinkop.runtime.embedded.loop.ExecutorScheduler;

/**
 * The operator as a library: FlinkDeployments, FlinkSessionJobs and FlinkStateSnapshots reconciled inside the
 * host's own JVM, by the same decisions and control loop as the in-cluster operator. Built with {@link #builder()};
 * by default resources live in a durable store under the work directory and Flink clusters run as local
 * processes. Thread-safe. {@link #close()} stops the loop, and the clusters it runs unless the builder said to
 * keep them.
 *
 * <pre>{@code
 * try (EmbeddedOperator operator = EmbeddedOperator.builder().workDirectory(Path.of("/var/lib/my-platform/flink")).start()) {
 *     operator.apply(Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkDeployment", ...));
 *     operator.watch(key, resource -> System.out.println(resource.status()));
 * }
 * }</pre>
 */
public final class EmbeddedOperator implements AutoCloseable {

    private final OperatorApi api;
    private final ResourceStore store;
    private final ControlLoop loop;
    private final ExecutorScheduler scheduler;
    private final java.util.List<AutoCloseable> resources;

    private EmbeddedOperator(Injector injector, ExecutorScheduler scheduler, java.util.List<AutoCloseable> resources) {
        this.api = injector.getInstance(OperatorApi.class);
        this.store = injector.getInstance(ResourceStore.class);
        this.loop = injector.getInstance(ControlLoop.class);
        this.scheduler = scheduler;
        this.resources = resources;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Admits a resource document (a map tree, as YAML or JSON reads into) and stores it; the operator then
     * reconciles it. A refused document changes nothing: {@link Refusal.Invalid} lists every violation with its
     * field path and reason.
     */
    public Either<Refusal, FlinkResource> apply(Object document) {
        return api.apply(document);
    }

    /** The resource with its latest status, if it exists. */
    public Option<FlinkResource> get(ResourceKey key) {
        return api.get(key);
    }

    /** The recent events about a resource, oldest first (the durable store keeps the last 50 of each). */
    public List<RecordedEvent> events(ResourceKey key) {
        return store.events(key);
    }

    /** Every resource of a kind. */
    public List<FlinkResource> list(ResourceKind kind) {
        return api.list(kind);
    }

    /** Asks for deletion: the operator removes the cluster (and disposes of snapshots when asked) before the resource goes. */
    public Either<Refusal, Done> delete(ResourceKey key) {
        return api.delete(key);
    }

    /** What applying the document would do now, step by step, without storing or doing anything. */
    public Either<Refusal, Plan> plan(Object document) {
        return api.plan(document);
    }

    /** Calls {@code listener} with the resource each time it changes (status included), on a thread of the store's, until the handle is closed. */
    public AutoCloseable watch(ResourceKey key, Consumer<FlinkResource> listener) {
        return api.watch(key, listener);
    }

    /** Stops the loop (passes in flight finish within 30 s), then closes what the builder made, clusters included unless kept. */
    @Override
    public void close() throws Exception {
        Exception first = null;
        try {
            loop.stop(Duration.ofSeconds(30));
            scheduler.close();
        } catch (Exception e) {
            first = e;
        }
        java.util.List<AutoCloseable> reversed = new ArrayList<>(resources);
        java.util.Collections.reverse(reversed);
        for (AutoCloseable resource : reversed) {
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Chooses the parts of an embedded operator; every choice has a default. */
    public static final class Builder {

        private Path workDirectory = Path.of(System.getProperty("user.home"), ".flinkop");
        private ResourceStore store;
        private ClusterDeployer clusters;
        private Module flink = new FlinkRestModule();
        private boolean ownFlinkClient = true;
        private Function<Path, ArtifactSettings> artifacts = work -> ArtifactSettings.defaults(work.resolve("artifacts"));
        private Function<FlinkVersion, String> flinkJars = FlinkJars.inSharedCache();
        private Clock clock = Clock.systemUTC();
        private int threads = 2;
        private OperatorSettings settings = OperatorSettings.defaults().withProgressInterval(Duration.ofMillis(200));
        private boolean keepClusters;

        private Builder() {
        }

        /** Where the durable store, the clusters' files, their state and fetched jars go (default {@code ~/.flinkop}). */
        public Builder workDirectory(Path directory) {
            this.workDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** A store of the host's instead of the durable store under the work directory. */
        public Builder store(ResourceStore resourceStore) {
            this.store = Objects.requireNonNull(resourceStore, "resourceStore");
            return this;
        }

        /** A cluster runtime of the host's instead of local processes. */
        public Builder clusters(ClusterDeployer deployer) {
            this.clusters = Objects.requireNonNull(deployer, "deployer");
            return this;
        }

        /** A Flink client of the host's instead of the REST client. */
        public Builder flink(FlinkJobClient client) {
            Objects.requireNonNull(client, "client");
            this.ownFlinkClient = false;
            this.flink = new AbstractModule() {
                @Override
                protected void configure() {
                    bind(FlinkJobClient.class).toInstance(client);
                }
            };
            return this;
        }

        /** How session jobs' jars are fetched (default: https only, public addresses, 256 MiB, cached under the work directory). */
        public Builder artifacts(ArtifactSettings artifactSettings) {
            Objects.requireNonNull(artifactSettings, "artifactSettings");
            this.artifacts = work -> artifactSettings;
            return this;
        }

        /** Where local processes find Flink's jars for a version (default: resolved from Maven Central once, then cached). */
        public Builder flinkJars(Function<FlinkVersion, String> classpath) {
            this.flinkJars = Objects.requireNonNull(classpath, "classpath");
            return this;
        }

        public Builder clock(Clock operatorClock) {
            this.clock = Objects.requireNonNull(operatorClock, "operatorClock");
            return this;
        }

        /** How many resources are reconciled at once (default 2). */
        public Builder threads(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + count);
            }
            this.threads = count;
            return this;
        }

        public Builder settings(OperatorSettings operatorSettings) {
            this.settings = Objects.requireNonNull(operatorSettings, "operatorSettings");
            return this;
        }

        /** Leave local clusters running on {@link #close()}; a later operator on the same work directory finds them again. */
        public Builder keepClustersOnClose(boolean keep) {
            this.keepClusters = keep;
            return this;
        }

        /** Opens the store, starts the control loop, and returns the running operator. */
        public EmbeddedOperator start() {
            java.util.List<AutoCloseable> made = new ArrayList<>();
            ResourceStore chosenStore = store != null ? store : Stores.durable(workDirectory.resolve("store"), clock, made);
            java.util.function.Function<Artifacts, ClusterDeployer> chosenClusters = clusters != null ? jars -> clusters : jars -> {
                LocalProcessDeployer local = new LocalProcessDeployer(flinkJars, workDirectory.resolve("clusters"), workDirectory.resolve("state"),
                        Duration.ofMinutes(3), jars);
                made.add(keepClusters ? local::detach : local);
                return local;
            };
            ExecutorScheduler scheduler = new ExecutorScheduler(threads);
            Injector injector = Guice.createInjector(new EmbeddedModule(new EmbeddedModule.Parts(chosenStore, chosenClusters, clock, scheduler, settings,
                    new ControlLoop.Settings(threads, ControlLoop.Settings.defaults().firstBackoff(), ControlLoop.Settings.defaults().maxBackoff()),
                    false)), flink, new ArtifactsModule(artifacts.apply(workDirectory)));
            FlinkJobClient client = injector.getInstance(FlinkJobClient.class);
            if (ownFlinkClient && client instanceof AutoCloseable closeable) {
                made.add(closeable);
            }
            EmbeddedOperator operator = new EmbeddedOperator(injector, scheduler, made);
            ControlLoop loop = injector.getInstance(ControlLoop.class);
            made.add(injector.getInstance(ClusterDeployer.class).watch(loop::trigger));
            loop.start();
            return operator;
        }
    }
}
