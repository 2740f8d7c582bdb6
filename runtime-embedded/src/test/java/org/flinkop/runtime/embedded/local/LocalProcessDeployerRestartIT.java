package org.flinkop.runtime.embedded.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.cluster.ClusterObservation;
import org.flinkop.ports.cluster.ClusterOwner;
import org.junit.jupiter.api.Test;

/**
 * A session cluster whose first start fails (its Flink jars are not where they should be yet) is reported as an
 * {@code ERROR} that says why, and started again by itself until it runs, as Kubernetes restarts a pod.
 */
class LocalProcessDeployerRestartIT {

    private static final ResourceKey KEY = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "it", "restarted");

    @Test
    void a_cluster_whose_start_failed_is_started_again_until_it_runs() throws Exception {
        String classpath = FlinkDistributions.classpath("1.20.0");
        Path work = FlinkDistributions.workDir("restart-1.20.0");
        Path missingJars = work.resolve("no-jars-here").resolve("flink-dist.jar");
        AtomicInteger starts = new AtomicInteger();
        FlinkDeploymentSpec spec = ((FlinkDeployment) ResourceBinding.decode(Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkDeployment",
                "metadata", Map.of("name", KEY.name()), "spec", Map.of("flinkVersion", "v1_20",
                        "jobManager", Map.of("resource", Map.of("memory", "768m", "cpu", 1)),
                        "taskManager", Map.of("resource", Map.of("memory", "1024m", "cpu", 1))))).resource().get()).spec();
        List<Long> pids;
        List<ResourceKey> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (LocalProcessDeployer deployer = new LocalProcessDeployer(v -> starts.incrementAndGet() == 1 ? missingJars.toString() : classpath,
                work.resolve("clusters"), work.resolve("state"), Duration.ofSeconds(120),
                uri -> io.vavr.control.Either.left(PortFailure.of(PortFailure.Reason.FORBIDDEN, "no remote jars here")),
                new LocalProcessDeployer.Restarts(Duration.ofSeconds(3), Duration.ofSeconds(3)))) {
            deployer.watch(told::add);
            assertThat(deployer.deploy(KEY, ClusterOwner.UNKNOWN, spec, StateLocation.none(), null).isRight()).isTrue();

            FlinkDistributions.awaitUntil(() -> deployer.observe(KEY).get().jobManager() == JobManagerDeploymentStatus.ERROR,
                    Duration.ofSeconds(60), work.toString());
            ClusterObservation failed = deployer.observe(KEY).get();
            int toldOfTheFailure = told.size();
            assertThat(toldOfTheFailure).as("the failed start is looked at at once").isPositive();
            assertThat(failed.problem().get()).as("the status is told why").contains("BashJavaUtils").contains("attempt 1, starting again at");

            FlinkDistributions.awaitUntil(() -> deployer.observe(KEY).get().jobManager() == JobManagerDeploymentStatus.READY,
                    Duration.ofSeconds(150), work.toString());
            assertThat(starts.get()).isEqualTo(2);
            FlinkDistributions.awaitUntil(() -> told.size() >= toldOfTheFailure + 2, Duration.ofSeconds(10), "the restart and its success told");
            assertThat(deployer.observe(KEY).get().problem()).isEmpty();
            pids = deployer.processIds(KEY);
            assertThat(pids).hasSize(2);
        }
        assertThat(pids.stream().map(ProcessHandle::of).filter(p -> p.isPresent() && p.get().isAlive())).as("processes left behind").isEmpty();
    }
}
