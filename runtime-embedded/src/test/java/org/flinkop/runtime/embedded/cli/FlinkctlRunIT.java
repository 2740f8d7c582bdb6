package org.flinkop.runtime.embedded.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flinkop.runtime.embedded.cli.ChildFlinkctl.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code flinkctl run} on real Flink 1.20, as a user runs it: {@code run} in a JVM of its own holds the work
 * directory, and the other commands, each a JVM of its own, go through it. Stopped with SIGTERM it leaves the
 * clusters running; started again it adopts them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkctlRunIT {

    private static final Duration PATIENCE = Duration.ofMinutes(5);
    private static final Pattern JOB_ID = Pattern.compile("jobId: \"?([0-9a-f]{32})");

    private Path work;
    private Path dir;
    private Process run;
    private Path runOutput;

    @BeforeAll
    void startRun() throws IOException, InterruptedException {
        ChildFlinkctl.resolveFlink("1.20.0");
        work = Files.createDirectories(Path.of(System.getProperty("flinkop.it.dir", "target/it")).resolve("flinkctl-run-" + System.nanoTime()));
        dir = work.resolve("operator");
        run = startRun("run-1");
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (run != null && run.isAlive()) {
            run.destroy();
            run.waitFor(2, TimeUnit.MINUTES);
        }
        if (!ChildFlinkctl.processesUnder(dir.resolve("clusters")).isEmpty()) {
            Result deleted = flinkctl("delete", "flinkdep", "counter", "--dir", dir.toString());
            assertThat(deleted.exit()).as(deleted.toString()).isIn(Flinkctl.OK, Flinkctl.INVALID);
        }
        assertThat(ChildFlinkctl.processesUnder(dir.resolve("clusters"))).as("Flink processes left behind").isEmpty();
    }

    @Test
    @Order(1)
    void apply_wait_goes_through_the_running_operator_and_get_and_describe_work_beside_it() throws Exception {
        Result applied = flinkctl("apply", "-f", counter(1).toString(), "--wait", "--dir", dir.toString());

        assertThat(applied.exit()).as(applied.toString()).isEqualTo(Flinkctl.OK);
        assertThat(applied.err()).contains("through the operator of flinkctl run (process " + run.pid() + ")");
        assertThat(applied.out()).contains("flinkdeployment/counter applied", "flinkdeployment/counter: STABLE, job RUNNING");
        awaitOutput("flinkdeployment/counter: STABLE, job RUNNING");
        assertThat(flinkctl("get", "--dir", dir.toString()).out()).containsPattern("counter\\s+RUNNING\\s+STABLE");
        Result described = flinkctl("describe", "flinkdep", "counter", "--dir", dir.toString());
        assertThat(described.exit()).as(described.toString()).isEqualTo(Flinkctl.OK);
        assertThat(described.out()).contains("Status:           STABLE, job RUNNING", "Events:");
    }

    @Test
    @Order(2)
    void a_parallelism_change_is_planned_applied_and_finished_by_the_running_loop() throws Exception {
        String firstJob = jobId();

        Result plan = flinkctl("plan", "-f", counter(2).toString(), "--dir", dir.toString());
        Result applied = flinkctl("apply", "-f", counter(2).toString(), "--wait", "--dir", dir.toString());

        assertThat(plan.out()).as(plan.toString()).contains("1. stop job " + firstJob + " with a savepoint",
                "3. deploy the cluster with parallelism 2, restoring from that savepoint");
        assertThat(applied.exit()).as(applied.toString()).isEqualTo(Flinkctl.OK);
        assertThat(applied.out()).contains("UPGRADING", "STABLE, job RUNNING");
        awaitOutput("flinkdeployment/counter: UPGRADING");
        String yaml = flinkctl("get", "flinkdep", "counter", "-o", "yaml", "--dir", dir.toString()).out();
        assertThat(yaml).contains("parallelism: 2", "upgradeSavepointPath");
        assertThat(jobId()).isNotEqualTo(firstJob);
    }

    @Test
    @Order(3)
    void a_second_run_on_the_directory_is_refused_naming_the_holder() throws Exception {
        Result second = flinkctl("run", "--dir", dir.toString());

        assertThat(second.exit()).as(second.toString()).isEqualTo(Flinkctl.USAGE);
        assertThat(second.err()).contains("in use by process " + run.pid());
    }

    @Test
    @Order(4)
    void sigterm_stops_run_cleanly_and_leaves_the_clusters_running() throws Exception {
        List<Long> clusters = ChildFlinkctl.processesUnder(dir.resolve("clusters"));

        run.destroy();

        assertThat(run.waitFor(2, TimeUnit.MINUTES)).as("run stopped").isTrue();
        assertThat(run.exitValue()).as("128 + SIGTERM").isEqualTo(143);
        assertThat(Files.readString(runOutput)).contains("operator stopped");
        assertThat(dir.resolve(RunFile.NAME)).doesNotExist();
        assertThat(clusters).isNotEmpty().allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    @Order(5)
    void run_again_adopts_the_clusters_and_delete_through_it_stops_every_process() throws Exception {
        List<Long> clusters = ChildFlinkctl.processesUnder(dir.resolve("clusters"));
        String job = jobId();
        run = startRun("run-2");
        awaitOutput("flinkdeployment/counter: STABLE, job RUNNING");

        assertThat(jobId()).as("the same job, adopted").isEqualTo(job);
        assertThat(ChildFlinkctl.processesUnder(dir.resolve("clusters"))).as("the same processes").containsExactlyInAnyOrderElementsOf(clusters);

        Result deleted = flinkctl("delete", "flinkdep", "counter", "--dir", dir.toString());

        assertThat(deleted.exit()).as(deleted.toString()).isEqualTo(Flinkctl.OK);
        assertThat(deleted.err()).contains("through the operator of flinkctl run (process " + run.pid() + ")");
        assertThat(deleted.out()).contains("flinkdeployment/counter: deleted");
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (clusters.stream().anyMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(clusters).as("every process of the cluster stopped").allMatch(pid -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        run.destroy();
        assertThat(run.waitFor(2, TimeUnit.MINUTES)).as("run stopped").isTrue();
    }

    // helpers

    private Process startRun(String name) throws IOException, InterruptedException {
        runOutput = work.resolve(name + ".out");
        Process started = ChildFlinkctl.start(runOutput, work.resolve(name + ".err"), "run", "--dir", dir.toString());
        run = started;
        awaitOutput("operator running on " + dir);
        return started;
    }

    /** Waits until the running {@code run} printed {@code text}. */
    private void awaitOutput(String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!Files.readString(runOutput).contains(text)) {
            if (!run.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("run did not print '" + text + "':\n" + Files.readString(runOutput) + "--- err ---\n"
                        + Files.readString(Path.of(runOutput.toString().replace(".out", ".err"))));
            }
            Thread.sleep(200);
        }
    }

    private String jobId() throws IOException, InterruptedException {
        String yaml = flinkctl("get", "flinkdep", "counter", "-o", "yaml", "--dir", dir.toString()).out();
        Matcher found = JOB_ID.matcher(yaml);
        assertThat(found.find()).as(yaml).isTrue();
        return found.group(1);
    }

    private Path counter(int parallelism) throws IOException {
        return Files.writeString(work.resolve("counter-" + parallelism + ".yaml"),
                ChildFlinkctl.document(work, "v1_20", "counter", parallelism, "savepoint", "[\"--keys\", \"4\"]", ""));
    }

    private static Result flinkctl(String... args) throws IOException, InterruptedException {
        return ChildFlinkctl.run(args);
    }
}
