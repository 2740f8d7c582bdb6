package org.flinkop.runtime.operator;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.flinkop.adapters.kubernetes.deploy.KubernetesDeployerModule;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.flinkop.ports.cluster.ClusterObservation;
import org.flinkop.ports.cluster.ClusterOwner;
import org.flinkop.ports.store.ResourceStore;
import org.flinkop.testkit.artifact.FakeArtifacts;
import org.flinkop.testkit.flink.FakeFlink;

/**
 * {@link OperatorMain} as its own JVM, everything real but Flink, which is the testkit's {@link FakeFlink} started by
 * {@link FakeFlinkAwareDeployer} as in the in-process tests (there is no kubelet to run the JobManager pods).
 *
 * <p>One more thing a kubelet would do: the JobManager keeps running when an operator process dies, and the next
 * operator finds it. A fake Flink lives in its operator's JVM, so here, the first time a cluster is observed whose
 * JobManager Deployment exists but which this JVM's fake does not know, the fake starts it as the Deployment
 * describes it (the resource's last reconciled spec and its recorded job id, running), as pods would have kept it.
 */
final class FakeFlinkOperatorMain {

    private FakeFlinkOperatorMain() {
    }

    public static void main(String[] args) {
        FakeFlink flink = new FakeFlink(Clock.systemUTC(), true, new FakeFlink.Latencies(Duration.ZERO, Duration.ZERO, Duration.ofMillis(100),
                Duration.ofMillis(100)));
        FakeArtifacts artifacts = new FakeArtifacts(false, 1 << 20).serve(InProcessOperator.SESSION_JOB_JAR, "a jar");
        int exit = new OperatorMain(System.getenv(), System.out, System.err, wiring -> wiring.withFlink(FakeFlinkModules.flink(flink))
                .withArtifacts(FakeFlinkModules.artifacts(artifacts)).withDeployer(adopting(flink))).run(args);
        System.exit(exit);
    }

    private static AbstractModule adopting(FakeFlink flink) {
        return new AbstractModule() {
            @Provides
            @Singleton
            ClusterDeployer deployer(KubernetesClient client, ResourceStore store, org.flinkop.runtime.operator.config.OperatorConfig config) {
                ClusterDeployer kubernetes = Guice.createInjector(new KubernetesDeployerModule(config.namespaces()),
                        binder -> binder.bind(KubernetesClient.class).toInstance(client)).getInstance(ClusterDeployer.class);
                return new Adopting(new FakeFlinkAwareDeployer(kubernetes, flink), kubernetes, flink, store);
            }
        };
    }

    /** Starts, once, the fake cluster of a JobManager Deployment that an earlier operator process deployed. */
    private static final class Adopting implements ClusterDeployer {

        private final ClusterDeployer deployer;
        private final ClusterDeployer kubernetes;
        private final FakeFlink flink;
        private final ResourceStore store;
        private final Set<ResourceKey> seen = ConcurrentHashMap.newKeySet();

        Adopting(ClusterDeployer deployer, ClusterDeployer kubernetes, FakeFlink flink, ResourceStore store) {
            this.deployer = deployer;
            this.kubernetes = kubernetes;
            this.flink = flink;
            this.store = store;
        }

        @Override
        public Either<PortFailure, ClusterObservation> observe(ResourceKey key) {
            if (seen.add(key) && !flink.clusterExists(key)
                    && kubernetes.observe(key).exists(real -> real.jobManager() != JobManagerDeploymentStatus.MISSING)) {
                store.get(key).filter(FlinkDeployment.class::isInstance).map(FlinkDeployment.class::cast)
                        .filter(d -> d.status() != null && d.status().jobStatus() != null && d.status().jobStatus().jobId() != null
                                && d.status().reconciliationStatus() != null && d.status().reconciliationStatus().lastReconciledSpec() != null)
                        .forEach(d -> flink.deploy(key, new ClusterOwner(d.metadata().uid(), false), d.status().reconciliationStatus().lastReconciledSpec(), StateLocation.none(),
                                d.status().jobStatus().jobId()));
            }
            return deployer.observe(key);
        }

        @Override
        public Either<PortFailure, Done> deploy(ResourceKey key, ClusterOwner owner, FlinkDeploymentSpec spec, StateLocation restoreFrom, String jobId) {
            seen.add(key);
            return deployer.deploy(key, owner, spec, restoreFrom, jobId);
        }

        @Override
        public Either<PortFailure, io.vavr.control.Option<org.flinkop.domain.observe.PriorCluster>> priorCluster(ResourceKey key) {
            return deployer.priorCluster(key);
        }

        @Override
        public Either<PortFailure, io.vavr.collection.List<String>> restoreDeleted(ResourceKey key) {
            return deployer.restoreDeleted(key);
        }

        @Override
        public Either<PortFailure, Done> delete(ResourceKey key, boolean deleteHaMetadata) {
            return deployer.delete(key, deleteHaMetadata);
        }

        @Override
        public Either<PortFailure, Done> rescale(ResourceKey key, Integer taskManagers, Integer parallelism) {
            return deployer.rescale(key, taskManagers, parallelism);
        }

        @Override
        public boolean keepsHaMetadata() {
            return deployer.keepsHaMetadata();
        }

        @Override
        public boolean rescalesInPlace() {
            return deployer.rescalesInPlace();
        }

        @Override
        public AutoCloseable watch(Consumer<ResourceKey> listener) {
            return deployer.watch(listener);
        }
    }
}
