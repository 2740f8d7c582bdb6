package org.flinkop.runtime.embedded.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flinkop.runtime.embedded.cli.ChildFlinkctl.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * flinkctl against real Flink, as a user runs it: each command a JVM of its own on one work directory, local
 * clusters living on between commands. The keyed-state job proves that an upgrade kept every count, including
 * when the command doing it was killed with SIGKILL in the middle and run again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AbstractFlinkctlIT {

    private Path work;
    private Path dir;

    abstract String version();

    abstract String spelling();

    @BeforeAll
    void prepare() throws IOException, InterruptedException {
        work = Files.createDirectories(Path.of(System.getProperty("flinkop.it.dir", "target/it")).resolve("flinkctl-" + version() + "-" + System.nanoTime()));
        dir = work.resolve("operator");
        ChildFlinkctl.resolveFlink(version());
    }

    @AfterAll
    void deleteEverything() throws Exception {
        for (String name : List.of("counter", "failing")) {
            Result deleted = flinkctl("delete", "flinkdep", name, "--dir", dir.toString());
            assertThat(deleted.exit()).as(deleted.toString()).isIn(Flinkctl.OK, Flinkctl.INVALID);
        }
        assertThat(ourProcesses()).as("Flink processes left behind").isEmpty();
    }

    @Test
    @Order(1)
    void apply_wait_deploys_the_job_and_get_shows_it_running() throws Exception {
        Result applied = flinkctl("apply", "-f", counter(1).toString(), "--wait", "--dir", dir.toString());

        assertThat(applied.exit()).as(applied.toString()).isEqualTo(Flinkctl.OK);
        assertThat(applied.out()).contains("flinkdeployment/counter applied").contains("flinkdeployment/counter: STABLE, job RUNNING");
        Result table = flinkctl("get", "--dir", dir.toString());
        assertThat(table.out().lines().toList().get(0)).matches("NAME\\s+JOB STATUS\\s+LIFECYCLE STATE\\s+AGE");
        assertThat(table.out()).containsPattern("counter\\s+RUNNING\\s+STABLE\\s+\\d+[sm]");
        assertThat(flinkctl("get", "flinkdep", "counter", "-o", "yaml", "--dir", dir.toString()).out()).contains("lifecycleState: STABLE");
        assertThat(flinkctl("get", "flinkdep", "counter", "-o", "json", "--dir", dir.toString()).out()).contains("\"lifecycleState\" : \"STABLE\"");
    }

    @Test
    @Order(2)
    void plan_tells_the_savepoint_upgrade_step_by_step_and_changes_nothing() throws Exception {
        Result plan = flinkctl("plan", "-f", counter(2).toString(), "--dir", dir.toString());

        assertThat(plan.exit()).as(plan.toString()).isEqualTo(Flinkctl.OK);
        assertThat(plan.out()).containsPattern("1\\. stop job [0-9a-f]{32} with a savepoint")
                .contains("2. remove the cluster").contains("3. deploy the cluster with parallelism 2, restoring from that savepoint");
        assertThat(flinkctl("get", "flinkdep", "counter", "-o", "yaml", "--dir", dir.toString()).out()).contains("parallelism: 1");
    }

    @Test
    @Order(3)
    void an_upgrade_whose_command_is_killed_midway_finishes_when_run_again_and_keeps_every_count() throws Exception {
        Path counter2 = counter(2);
        Process first = start("apply", "-f", counter2.toString(), "--dir", dir.toString());
        StringBuilder seen = new StringBuilder();
        // killed once the upgrade is under way: the job is being stopped with a savepoint, or its cluster replaced
        awaitLine(first, seen, "UPGRADING");
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        Result again = flinkctl("apply", "-f", counter2.toString(), "--wait", "--dir", dir.toString());

        assertThat(again.exit()).as(seen + "\n--- then ---\n" + again).isEqualTo(Flinkctl.OK);
        assertThat(again.out()).contains("STABLE, job RUNNING");
        String yaml = flinkctl("get", "flinkdep", "counter", "-o", "yaml", "--dir", dir.toString()).out();
        assertThat(yaml).contains("parallelism: 2").contains("upgradeSavepointPath");
        assertThat(ourClusterDirectories()).as("one cluster runs").hasSize(1);
    }

    @Test
    @Order(4)
    void bad_input_is_refused_with_every_violation_and_nothing_is_applied() throws Exception {
        Path mixed = Files.writeString(work.resolve("mixed.yaml"), Files.readString(counter(3)) + "---\n" + """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata:
                  name: broken
                spec:
                  flinkVersion: v1_20
                  jobManager: {resource: {memory: "lots", cpu: 1}}
                  taskManager: {resource: {memory: "1g", cpu: 1}}
                  job: {jarURI: "file:///x.jar", parallelism: 0, upgradeMode: sometimes}
                """);

        Result refused = flinkctl("apply", "-f", mixed.toString(), "--dir", dir.toString());

        assertThat(refused.exit()).isEqualTo(Flinkctl.INVALID);
        assertThat(refused.err()).contains("spec.jobManager.resource.memory").contains("spec.job.parallelism").contains("spec.job.upgradeMode")
                .contains("nothing was applied");
        assertThat(flinkctl("get", "flinkdep", "counter", "-o", "yaml", "--dir", dir.toString()).out()).contains("parallelism: 2").doesNotContain("parallelism: 3");
        Path broken = Files.writeString(work.resolve("broken.yaml"), "apiVersion: flink.apache.org/v1beta1\nkind: [FlinkDeployment\n");
        Result syntax = flinkctl("apply", "-f", broken.toString(), "--dir", dir.toString());
        assertThat(syntax.exit()).isEqualTo(Flinkctl.INVALID);
        assertThat(syntax.err()).containsPattern("broken\\.yaml:\\d+:\\d+: ");
    }

    @Test
    @Order(5)
    void apply_wait_fails_with_flinks_error_when_the_job_fails() throws Exception {
        Path failing = Files.writeString(work.resolve("failing.yaml"), document("failing", 1, "stateless",
                "[\"--fail-at-start\", \"the counter refused to start\"]", "    restart-strategy.type: none\n"));

        Result failed = flinkctl("apply", "-f", failing.toString(), "--wait", "--dir", dir.toString());

        assertThat(failed.exit()).as(failed.toString()).isEqualTo(Flinkctl.INVALID);
        assertThat(failed.err()).contains("failed: flinkdeployment/failing").contains("the counter refused to start");
        assertThat(flinkctl("delete", "flinkdep", "failing", "--dir", dir.toString()).exit()).isEqualTo(Flinkctl.OK);
    }

    @Test
    @Order(6)
    void savepoint_takes_a_snapshot_and_prints_its_path_and_describe_shows_it_with_the_events() throws Exception {
        Result savepoint = flinkctl("savepoint", "counter", "--dir", dir.toString());

        assertThat(savepoint.exit()).as(savepoint.toString()).isEqualTo(Flinkctl.OK);
        String path = savepoint.out().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(Path.of(java.net.URI.create(path).getPath()).resolve("_metadata")).as("the savepoint on disk").exists();
        Result described = flinkctl("describe", "flinkdep", "counter", "--dir", dir.toString());
        assertThat(described.exit()).as(described.toString()).isEqualTo(Flinkctl.OK);
        assertThat(described.out()).contains("Status:           STABLE, job RUNNING").contains("Last savepoint:").contains("Snapshots:")
                .contains("counter-savepoint-").contains("COMPLETED " + path).contains("Events:").contains("the job runs");
    }

    @Test
    @Order(7)
    void logs_prints_the_local_job_managers_and_task_managers_logs() throws Exception {
        Result jobManager = flinkctl("logs", "counter", "--dir", dir.toString());
        Result taskManagers = flinkctl("logs", "counter", "--taskmanager", "--dir", dir.toString());

        assertThat(jobManager.exit()).as(jobManager.toString()).isEqualTo(Flinkctl.OK);
        assertThat(jobManager.out()).contains("jobmanager.log <==").contains(" INFO ");
        assertThat(taskManagers.out()).contains("taskmanager-0.log <==");
    }

    // helpers

    private Path counter(int parallelism) throws IOException {
        return Files.writeString(work.resolve("counter-" + parallelism + ".yaml"), document("counter", parallelism, "savepoint", "[\"--keys\", \"4\"]", ""));
    }

    private String document(String name, int parallelism, String mode, String args, String extraConfiguration) {
        return ChildFlinkctl.document(work, spelling(), name, parallelism, mode, args, extraConfiguration);
    }

    private static Result flinkctl(String... args) throws IOException, InterruptedException {
        return ChildFlinkctl.run(args);
    }

    private static Process start(String... args) throws IOException {
        return ChildFlinkctl.start(args);
    }

    private static void awaitLine(Process process, StringBuilder seen, String text) throws IOException {
        var reader = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains(text)) {
                return;
            }
        }
        throw new AssertionError("the command ended before printing '" + text + "':\n" + seen);
    }

    /** The directories of this test's clusters whose processes run. */
    private List<Path> ourClusterDirectories() throws IOException {
        List<Path> running = new ArrayList<>();
        try (var dirs = Files.list(dir.resolve("clusters").resolve("default-counter"))) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                String conf = d.resolve("conf").toString();
                if (ProcessHandle.allProcesses().anyMatch(p -> ChildFlinkctl.cmdline(p).contains(conf))) {
                    running.add(d);
                }
            }
        }
        return running;
    }

    private List<Long> ourProcesses() {
        return ChildFlinkctl.processesUnder(dir.resolve("clusters"));
    }
}
