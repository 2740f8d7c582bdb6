package org.flinkop.runtime.embedded.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.runtime.embedded.api.EmbeddedOperator;
import org.flinkop.testkit.flink.FakeFlink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands while {@code flinkctl run} holds the work directory: they go through its HTTP API, with the same
 * answers as when they open the operator themselves. The operator runs on the testkit's Flink, in this JVM.
 */
class RunServerTest {

    @TempDir
    Path dir;

    private final FakeFlink flink = new FakeFlink(Clock.systemUTC(), false,
            new FakeFlink.Latencies(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(50)));
    private EmbeddedOperator operator;
    private RunServer server;

    @BeforeEach
    void run() throws IOException {
        operator = EmbeddedOperator.builder().workDirectory(dir).clusters(flink).flink(flink).start();
        server = RunServer.start(new LocalAccess(operator, false));
        server.file().write(dir);
    }

    @AfterEach
    void stop() throws Exception {
        server.file().remove(dir);
        server.close();
        operator.close();
    }

    @Test
    void apply_get_describe_plan_and_delete_go_through_the_running_operator() throws IOException {
        Path orders = Files.writeString(dir.resolve("orders.yaml"), orders(2));

        Result applied = flinkctl("apply", "-f", orders.toString(), "--wait", "--dir", dir.toString());

        assertThat(applied.exit()).as(applied.toString()).isEqualTo(Flinkctl.OK);
        assertThat(applied.err()).contains("through the operator of flinkctl run (process " + ProcessHandle.current().pid() + ")");
        assertThat(applied.out()).contains("flinkdeployment/orders applied", "flinkdeployment/orders: STABLE, job RUNNING");
        assertThat(operator.list(ResourceKind.FLINK_DEPLOYMENT)).as("stored by the running operator").hasSize(1);
        assertThat(flinkctl("get", "--dir", dir.toString()).out()).containsPattern("orders\\s+RUNNING\\s+STABLE");
        assertThat(flinkctl("get", "flinkdep", "orders", "-o", "yaml", "--dir", dir.toString()).out()).contains("lifecycleState: STABLE", "parallelism: 2");
        assertThat(flinkctl("describe", "orders", "--dir", dir.toString()).out()).contains("Status:           STABLE, job RUNNING", "Events:");
        Path orders4 = Files.writeString(dir.resolve("orders-4.yaml"), orders(4));
        assertThat(flinkctl("plan", "-f", orders4.toString(), "--dir", dir.toString()).out())
                .contains("flinkdeployment/orders:", "3. deploy the cluster with parallelism 4, restoring from that savepoint");

        Result deleted = flinkctl("delete", "flinkdep", "orders", "--dir", dir.toString());

        assertThat(deleted.exit()).as(deleted.toString()).isEqualTo(Flinkctl.OK);
        assertThat(deleted.out()).contains("flinkdeployment/orders: deleted");
        assertThat(operator.list(ResourceKind.FLINK_DEPLOYMENT)).isEmpty();
    }

    @Test
    void an_invalid_document_is_refused_with_every_violation_as_without_run() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), orders(0).replace("upgradeMode: savepoint", "upgradeMode: sometimes"));

        Result refused = flinkctl("apply", "-f", bad.toString(), "--dir", dir.toString());

        assertThat(refused.exit()).isEqualTo(Flinkctl.INVALID);
        assertThat(refused.err()).contains(bad + ": 2 problem(s)", "spec.job.parallelism: ", "[OUT_OF_RANGE]", "spec.job.upgradeMode: ", "[UNKNOWN_ENUM_VALUE]",
                "nothing was applied");
        assertThat(operator.list(ResourceKind.FLINK_DEPLOYMENT)).isEmpty();
    }

    @Test
    void the_run_file_is_the_owners_alone_and_a_request_without_its_token_is_refused() throws Exception {
        Path file = dir.resolve(RunFile.NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder apply = HttpRequest.newBuilder(server.file().address().resolve("/v1/apply"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"document\": {}}"));

        HttpResponse<String> without = http.send(apply.copy().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = http.send(apply.copy().header("Authorization", "Bearer " + "0".repeat(64)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> with = http.send(apply.copy().header("Authorization", "Bearer " + server.file().token()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(with.statusCode()).isEqualTo(200);
        assertThat(with.body()).contains("refusal");
    }

    @Test
    void a_run_file_whose_process_is_gone_is_ignored() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path other = Files.createDirectories(dir.resolve("other"));
        new RunFile(gone.pid(), server.file().address(), server.file().token()).write(other);

        assertThat(RunFile.find(other)).isEmpty();
        assertThat(RunFile.find(dir)).contains(server.file());
    }

    private static String orders(int parallelism) {
        return """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata: {name: orders, namespace: streaming}
                spec:
                  flinkVersion: v1_20
                  flinkConfiguration: {execution.checkpointing.dir: "file:///cp", execution.checkpointing.savepoint-dir: "file:///sp"}
                  jobManager: {resource: {memory: 1g, cpu: 1}}
                  taskManager: {resource: {memory: 1g, cpu: 1}}
                  job: {jarURI: "file:///orders.jar", parallelism: %d, upgradeMode: savepoint}
                """.formatted(parallelism);
    }

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    private static Result flinkctl(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Flinkctl(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
