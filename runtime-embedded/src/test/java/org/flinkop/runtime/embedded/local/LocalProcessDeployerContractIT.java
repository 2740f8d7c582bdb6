package org.flinkop.runtime.embedded.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.flinkop.testkit.contract.AbstractClusterDeployerContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/** The cluster deployer port's contract, run by the local process deployer with real Flink application clusters. */
class LocalProcessDeployerContractIT {

    @Nested
    class Flink120 extends RealProcesses {
        Flink120() {
            super("1.20.0", "v1_20");
        }
    }

    @Nested
    class Flink230 extends RealProcesses {
        Flink230() {
            super("2.3.0", "v2_3");
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class RealProcesses extends AbstractClusterDeployerContractTest {

        private final String version;
        private final String spelling;
        private LocalProcessDeployer deployer;
        private Path example;

        RealProcesses(String version, String spelling) {
            this.version = version;
            this.spelling = spelling;
        }

        @BeforeAll
        void createDeployer() throws Exception {
            String classpath = FlinkDistributions.classpath(version);
            example = FlinkDistributions.exampleJob(version);
            Path work = FlinkDistributions.workDir("deployer-" + version);
            deployer = new LocalProcessDeployer(v -> classpath, work.resolve("clusters"), work.resolve("state"), Duration.ofSeconds(120));
        }

        @AfterAll
        void stopEverything() {
            deployer.close();
        }

        @Override
        protected ClusterDeployer deployer() {
            return deployer;
        }

        @Override
        protected FlinkDeploymentSpec applicationSpec() {
            Map<String, Object> doc = Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkDeployment", "metadata", Map.of("name", "example"),
                    "spec", Map.of("flinkVersion", spelling, "mode", "standalone",
                            "jobManager", Map.of("resource", Map.of("memory", "768m", "cpu", 1)),
                            "taskManager", Map.of("resource", Map.of("memory", "1024m", "cpu", 1)),
                            "job", Map.of("jarURI", example.toUri().toString(), "entryClass", "org.apache.flink.streaming.examples.windowing.TopSpeedWindowing",
                                    "parallelism", 1, "upgradeMode", "stateless")));
            return ((FlinkDeployment) ResourceBinding.decode(doc).resource().get()).spec();
        }

        @Override
        protected void awaitUntil(BooleanSupplier condition) {
            FlinkDistributions.awaitUntil(condition, Duration.ofSeconds(150), "the cluster logs under target/it");
        }
    }
}
