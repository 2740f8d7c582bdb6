package org.flinkop.runtime.embedded.api;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.time.Clock;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.ports.api.OperatorApi;
import org.flinkop.ports.artifact.Artifacts;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.flinkop.ports.flink.FlinkJobClient;
import org.flinkop.ports.loop.ControlLoop;
import org.flinkop.ports.loop.Scheduler;
import org.flinkop.ports.reconcile.Reconciler;
import org.flinkop.ports.store.ResourceStore;

/**
 * Wires the embedded operator from the parts its builder chose: the store, the cluster runtime, the clock, the
 * scheduler and the settings; the Flink client and the jar fetcher come from modules of their own (the REST and
 * artifacts modules, or a host's). Does no I/O: everything it binds exists already.
 */
final class EmbeddedModule extends AbstractModule {

    private final Parts parts;

    /** What the builder chose or made. */
    record Parts(ResourceStore store, java.util.function.Function<Artifacts, ClusterDeployer> clusters, Clock clock, Scheduler scheduler, OperatorSettings settings, ControlLoop.Settings loop,
            boolean plainHttpJarsAllowed) {
    }

    EmbeddedModule(Parts parts) {
        this.parts = parts;
    }

    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        bind(ResourceStore.class).toInstance(parts.store());
        bind(Clock.class).toInstance(parts.clock());
        bind(Scheduler.class).toInstance(parts.scheduler());
        bind(OperatorSettings.class).toInstance(parts.settings());
    }

    /** The cluster runtime, which fetches https job jars through the same jar fetcher session jobs use. */
    @Provides
    @Singleton
    ClusterDeployer clusters(Artifacts artifacts) {
        return parts.clusters().apply(artifacts);
    }

    @Provides
    @Singleton
    Reconciler reconciler(ResourceStore store, ClusterDeployer clusters, FlinkJobClient flink, Artifacts artifacts, Clock clock, OperatorSettings settings) {
        return new Reconciler(new Reconciler.Ports(store, clusters, flink, artifacts, clock, settings));
    }

    @Provides
    @Singleton
    ControlLoop loop(Reconciler reconciler, ResourceStore store, Scheduler scheduler) {
        return new ControlLoop(reconciler::reconcile, store, scheduler, parts.loop());
    }

    @Provides
    @Singleton
    OperatorApi api(ResourceStore store, Reconciler reconciler) {
        return new OperatorApi(store, reconciler, parts.plainHttpJarsAllowed());
    }
}
