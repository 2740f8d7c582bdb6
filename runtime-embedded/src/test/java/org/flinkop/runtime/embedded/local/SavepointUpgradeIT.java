package org.flinkop.runtime.embedded.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import io.vavr.control.Either;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.flinkop.adapters.flink.rest.FlinkRestModule;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.flink.FlinkJobClient;
import org.flinkop.ports.reconcile.Reconciler;
import org.flinkop.testkit.store.FakeResourceStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The operator, end to end on real Flink: a FlinkDeployment becomes a running application cluster of local
 * processes; a parallelism change with upgradeMode savepoint stops the job with a savepoint and the new job
 * restores from exactly that savepoint; deletion leaves nothing running.
 */
class SavepointUpgradeIT {

    private static final ResourceKey KEY = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "it", "windows");

    @ParameterizedTest(name = "Flink {0}")
    @CsvSource({"1.20.0, v1_20", "2.3.0, v2_3"})
    void a_savepoint_upgrade_restores_the_new_job_from_the_savepoint_of_the_old_one(String version, String spelling) throws Exception {
        String classpath = FlinkDistributions.classpath(version);
        Path example = FlinkDistributions.exampleJob(version);
        Path work = FlinkDistributions.workDir("upgrade-" + version);
        FakeResourceStore store = new FakeResourceStore(Clock.systemUTC());
        FlinkJobClient flink = Guice.createInjector(new FlinkRestModule()).getInstance(FlinkJobClient.class);
        try (LocalProcessDeployer deployer = new LocalProcessDeployer(v -> classpath, work.resolve("clusters"), work.resolve("state"), Duration.ofSeconds(120))) {
            Reconciler operator = new Reconciler(new Reconciler.Ports(store, deployer, flink,
                    uri -> Either.left(PortFailure.of(PortFailure.Reason.FORBIDDEN, "no artifacts needed")), Clock.systemUTC(), OperatorSettings.defaults()));

            store.apply(resource(spelling, example, 1));
            runUntil(operator, store, () -> lifecycle(store) == ResourceLifecycleState.STABLE);
            String first = deployment(store).status().jobStatus().jobId();
            Thread.sleep(3000);

            store.apply(resource(spelling, example, 2));
            runUntil(operator, store, () -> lifecycle(store) == ResourceLifecycleState.STABLE && !first.equals(deployment(store).status().jobStatus().jobId()));

            FlinkDeployment upgraded = deployment(store);
            String savepoint = upgraded.status().jobStatus().upgradeSavepointPath();
            assertThat(savepoint).as("the savepoint the upgrade took is recorded").isNotBlank();
            String endpoint = deployer.observe(KEY).get().restEndpoint().get().toString();
            String checkpoints = HttpClient.newHttpClient().send(HttpRequest.newBuilder(java.net.URI.create(endpoint + "/jobs/"
                    + upgraded.status().jobStatus().jobId() + "/checkpoints")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(checkpoints).as("the new job restored from that savepoint").contains(savepoint.replace("file:", ""));

            store.delete(KEY);
            runUntil(operator, store, () -> store.get(KEY).isEmpty());
            assertThat(deployer.observe(KEY).get().jobManager().name()).isEqualTo("MISSING");
        } finally {
            if (flink instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    private static FlinkDeployment resource(String spelling, Path example, int parallelism) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "flink.apache.org/v1beta1");
        doc.put("kind", "FlinkDeployment");
        doc.put("metadata", Map.of("name", "windows", "namespace", "it"));
        // the default (native) mode: a parallelism change is an upgrade, not an in-place rescale
        doc.put("spec", Map.of("flinkVersion", spelling,
                "flinkConfiguration", Map.of("taskmanager.numberOfTaskSlots", "2", "execution.checkpointing.interval", "2s"),
                "jobManager", Map.of("resource", Map.of("memory", "768m", "cpu", 1)),
                "taskManager", Map.of("resource", Map.of("memory", "1024m", "cpu", 1)),
                "job", Map.of("jarURI", example.toUri().toString(), "entryClass", "org.apache.flink.streaming.examples.windowing.TopSpeedWindowing",
                        "parallelism", parallelism, "upgradeMode", "savepoint")));
        return (FlinkDeployment) ResourceBinding.decode(doc).resource().get();
    }

    private static FlinkDeployment deployment(FakeResourceStore store) {
        return (FlinkDeployment) store.get(KEY).get();
    }

    private static ResourceLifecycleState lifecycle(FakeResourceStore store) {
        FlinkDeployment d = deployment(store);
        return d.status() == null ? null : d.status().lifecycleState();
    }

    private static void runUntil(Reconciler operator, FakeResourceStore store, BooleanSupplier done) throws InterruptedException {
        org.flinkop.ports.reconcile.PassOutcome last = null;
        for (int i = 0; i < 600 && !done.getAsBoolean(); i++) {
            last = operator.reconcile(KEY);
            Thread.sleep(250);
        }
        assertThat(done.getAsBoolean()).as("converged within 150 s; the last pass: %s; status: %s", last,
                store.get(KEY).map(r -> ((FlinkDeployment) r).status()).getOrNull()).isTrue();
    }
}
