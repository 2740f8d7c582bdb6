package org.flinkop.runtime.embedded.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.flinkop.adapters.flink.rest.FlinkRestModule;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.artifact.Artifact;
import org.flinkop.ports.flink.FlinkJobClient;
import org.flinkop.ports.flink.SubmitRequest;
import org.flinkop.testkit.contract.AbstractFlinkJobClientContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Flink job client port's contract, run by the Flink REST adapter against real session clusters of both
 * versions the operator drives, with Flink's own streaming example as the job. One cluster per version. Beyond the
 * contract: a job that fails as it starts reports Flink's error text through {@code exceptions()} on both versions,
 * whose answers differ in shape.
 */
class FlinkRestJobClientContractIT {

    @Nested
    class Flink120 extends RealCluster {
        Flink120() {
            super("1.20.0");
        }
    }

    @Nested
    class Flink230 extends RealCluster {
        Flink230() {
            super("2.3.0");
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class RealCluster extends AbstractFlinkJobClientContractTest {

        private final String version;
        private LocalFlinkCluster cluster;
        private FlinkJobClient client;
        private Artifact jar;
        private Path work;

        RealCluster(String version) {
            this.version = version;
        }

        @BeforeAll
        void startCluster() throws Exception {
            work = FlinkDistributions.workDir("rest-contract-" + version);
            cluster = LocalFlinkCluster.startSession(FlinkDistributions.classpath(version), work, 1, 4,
                    Map.of("execution.checkpointing.savepoint-dir", work.resolve("savepoints").toUri().toString(),
                            "execution.checkpointing.dir", work.resolve("checkpoints").toUri().toString()),
                    Duration.ofSeconds(120));
            client = Guice.createInjector(new FlinkRestModule()).getInstance(FlinkJobClient.class);
            Path example = FlinkDistributions.exampleJob(version);
            jar = new Artifact(example.toString(), Long.toHexString(Files.size(example)) + "-" + version, Files.size(example));
        }

        @AfterAll
        void stopCluster() throws Exception {
            if (client instanceof AutoCloseable closeable) {
                closeable.close();
            }
            if (cluster != null) {
                cluster.close();
            }
        }

        @Test
        void a_job_failing_on_its_first_record_reports_flinks_error_text() throws Exception {
            Path failingJar = FailingJob.jar(work.resolve("jobs"));
            Artifact failing = new Artifact(failingJar.toString(), "failing-" + Files.size(failingJar), Files.size(failingJar));
            String jobId = "fa11ed00fa11ed00fa11ed00fa11ed01";

            var submitted = client.submit(cluster(), new SubmitRequest(jobId, failing, FailingJob.class.getName(), List.of(), 1, StateLocation.none(), false));
            assertThat(submitted.isRight()).as("submitting the failing job: %s", submitted).isTrue();
            awaitUntil(() -> client.job(cluster(), jobId).get().exists(details -> details.job().state() == FlinkJobState.FAILED));
            awaitUntil(() -> client.exceptions(cluster(), jobId).exists(texts -> !texts.isEmpty()));

            io.vavr.collection.List<String> exceptions = client.exceptions(cluster(), jobId).get();
            assertThat(exceptions.head()).contains(FailingJob.MESSAGE).contains("java.lang.IllegalStateException").contains("task: Source: Sequence Source -> Map");
        }

        @Test
        void the_exceptions_of_an_unknown_job_are_not_found() {
            assertThat(client.exceptions(cluster(), "0000000000000000000000000000dead").getLeft().reason()).isEqualTo(PortFailure.Reason.NOT_FOUND);
        }

        @Override
        protected FlinkJobClient client() {
            return client;
        }

        @Override
        protected URI cluster() {
            return cluster.restEndpoint();
        }

        @Override
        protected SubmitRequest job(String jobId) {
            return new SubmitRequest(jobId, jar, null, List.of(), 1, StateLocation.none(), false);
        }

        @Override
        protected void awaitUntil(BooleanSupplier condition) {
            FlinkDistributions.awaitUntil(condition, Duration.ofSeconds(120), cluster.logDirectory().toString());
        }
    }
}
