package org.flinkop.runtime.operator.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.flinkop.adapters.kubernetes.store.KubernetesResourceStore;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.FlinkSessionJobStatus;
import org.flinkop.domain.resource.FlinkStateSnapshotStatus;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.artifact.Artifacts;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.flinkop.ports.flink.FlinkJobClient;
import org.flinkop.ports.loop.ControlLoop;
import org.flinkop.ports.reconcile.Reconciler;
import org.flinkop.ports.store.ResourceStore;
import org.flinkop.runtime.operator.config.OperatorConfig;
import org.flinkop.runtime.operator.http.HttpEndpoints;
import org.flinkop.runtime.operator.leader.LeaderElection;
import org.flinkop.runtime.operator.leader.LeaderElectionSettings;
import org.flinkop.runtime.operator.leader.LeaderOnlyDeployer;
import org.flinkop.runtime.operator.leader.LeaderOnlyFlink;
import org.flinkop.runtime.operator.leader.LeaderOnlyStore;
import org.flinkop.runtime.operator.leader.Leadership;
import org.flinkop.runtime.operator.leader.LeaseElector;
import org.flinkop.runtime.operator.lifecycle.ClientLifecycle;
import org.flinkop.runtime.operator.lifecycle.Lifecycle;
import org.flinkop.runtime.operator.lifecycle.LoopLifecycle;
import org.flinkop.runtime.operator.lifecycle.OperatorRuntime;
import org.flinkop.runtime.operator.lifecycle.StoreLifecycle;
import org.flinkop.runtime.operator.logging.LogSink;
import org.flinkop.runtime.operator.logging.OperatorLog;
import org.flinkop.runtime.operator.metrics.OperatorMetrics;
import org.flinkop.runtime.operator.loop.PoolScheduler;
import org.flinkop.runtime.operator.reconcile.ObservedPass;
import org.flinkop.runtime.operator.reconcile.OwnWrites;
import org.flinkop.runtime.operator.reconcile.ReportingStore;
import org.flinkop.runtime.operator.webhook.WebhookModule;
import org.flinkop.runtime.operator.webhook.Webhooks;

/**
 * The operator runtime's own parts: the reconciler over the ports the adapter modules bind, the control loop on a
 * thread pool, metrics, the HTTP endpoints, and the {@link OperatorRuntime} that starts and stops them. Creating
 * any of them does no I/O.
 */
public final class OperatorModule extends AbstractModule {

    private final OperatorConfig config;
    private final LogSink sink;

    public OperatorModule(OperatorConfig config, LogSink sink) {
        this.config = Objects.requireNonNull(config, "config");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        bind(OperatorConfig.class).toInstance(config);
        bind(LogSink.class).toInstance(sink);
        bind(Clock.class).toInstance(Clock.systemUTC());
        bind(OperatorMetrics.class).toInstance(new OperatorMetrics());
        install(new WebhookModule());
    }

    @Provides
    @Singleton
    PoolScheduler scheduler() {
        return new PoolScheduler(config.loop().parallelism(), config.jitter());
    }

    @Provides
    @Singleton
    OwnWrites ownWrites(ResourceStore store) {
        return new OwnWrites(store);
    }

    @Provides
    @Singleton
    Reconciler reconciler(OwnWrites store, ClusterDeployer deployer, FlinkJobClient flink, Artifacts artifacts, Clock clock, OperatorMetrics metrics,
            Leadership leadership) {
        ResourceStore reporting = new ReportingStore(store, sink.masker(), metrics, new OperatorLog(sink, "org.flinkop.operator.events"));
        // every action of a pass is checked against leadership just before it is made (always allowed without leader election)
        return new Reconciler(new Reconciler.Ports(new LeaderOnlyStore(reporting, leadership), new LeaderOnlyDeployer(deployer, leadership),
                new LeaderOnlyFlink(flink, leadership), artifacts, clock, config.decisions()));
    }

    /** Without leader election this operator always acts; with it, only while it holds the Lease. */
    @Provides
    @Singleton
    Leadership leadership(KubernetesClient client, Clock clock) {
        LeaderElectionSettings settings = config.leaderElection();
        if (!settings.enabled()) {
            return Leadership.ALONE;
        }
        // the operator's own namespace: the service account's in a pod, the kubeconfig context's outside
        String namespace = client.getNamespace() == null ? "default" : client.getNamespace();
        String identity = settings.podName() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        return new LeaseElector(client, namespace, settings, identity, clock, System::nanoTime, new OperatorLog(sink, "org.flinkop.operator.leader"));
    }

    /** Fed by the store without the echoes of the operator's own writes. */
    @Provides
    @Singleton
    ControlLoop controlLoop(Reconciler reconciler, OwnWrites store, PoolScheduler scheduler, OperatorMetrics metrics) {
        ObservedPass pass = new ObservedPass(reconciler, store, metrics, sink.masker(), new OperatorLog(sink, "org.flinkop.operator.reconcile"),
                config.deployingRecheck());
        return new ControlLoop(pass, store, scheduler, config.loop());
    }

    @Provides
    @Singleton
    OperatorRuntime runtime(KubernetesClient client, KubernetesResourceStore store, ControlLoop loop, PoolScheduler scheduler, ClusterDeployer deployer,
            OperatorMetrics metrics, Leadership leadership, Webhooks webhooks) {
        OperatorLog log = new OperatorLog(sink, "org.flinkop.operator");
        AtomicReference<OperatorRuntime> runtime = new AtomicReference<>();
        OperatorMetrics.Gauges gauges = new OperatorMetrics.Gauges() {
            @Override
            public int queueDepth() {
                return loop.queueDepth();
            }

            @Override
            public Map<ResourceKind, Map<String, Integer>> resourcesByState() {
                return countByState(store);
            }

            @Override
            public boolean ready() {
                return runtime.get().ready();
            }

            @Override
            public boolean leader() {
                return leadership.acting();
            }
        };
        HttpEndpoints endpoints = new HttpEndpoints(config.http(), new OperatorHealth(scheduler, () -> runtime.get().ready()), () -> metrics.scrape(gauges));
        // the loop starts the deployer's watch of the clusters' Deployments, ConfigMaps and Services
        List<Lifecycle> acting = List.of(new LoopLifecycle(loop, store, scheduler, deployer, log));
        List<Lifecycle> parts = new ArrayList<>(List.of(endpoints, new ClientLifecycle(client), webhooks, new StoreLifecycle(store)));
        if (leadership instanceof LeaseElector elector) {
            // a standby keeps its informers warm and acts only once it holds the Lease
            parts.add(new LeaderElection(elector, acting, reason -> runtime.get().fail(reason), new OperatorLog(sink, "org.flinkop.operator.leader")));
        } else {
            parts.addAll(acting);
        }
        runtime.set(new OperatorRuntime(parts, config.shutdownTimeout(), log));
        return runtime.get();
    }

    @Provides
    @Singleton
    HttpEndpoints endpoints(OperatorRuntime runtime) {
        return runtime.parts().stream().filter(HttpEndpoints.class::isInstance).map(HttpEndpoints.class::cast).findFirst().orElseThrow();
    }

    static Map<ResourceKind, Map<String, Integer>> countByState(ResourceStore store) {
        Map<ResourceKind, Map<String, Integer>> counts = new EnumMap<>(ResourceKind.class);
        for (ResourceKind kind : ResourceKind.values()) {
            Map<String, Integer> states = new TreeMap<>();
            for (FlinkResource resource : store.list(kind)) {
                states.merge(state(resource.status()), 1, Integer::sum);
            }
            counts.put(kind, states);
        }
        return counts;
    }

    private static String state(Object status) {
        if (status instanceof FlinkDeploymentStatus d && d.lifecycleState() != null) {
            return d.lifecycleState().spelling();
        }
        if (status instanceof FlinkSessionJobStatus j && j.lifecycleState() != null) {
            return j.lifecycleState().spelling();
        }
        if (status instanceof FlinkStateSnapshotStatus s && s.state() != null) {
            return s.state().spelling();
        }
        // no status written yet: the operator has not looked at it
        return "NEW";
    }
}
