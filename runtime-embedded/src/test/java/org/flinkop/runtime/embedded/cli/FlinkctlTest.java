package org.flinkop.runtime.embedded.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkctlTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Flinkctl flinkctl = new Flinkctl(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    @Test
    void validate_accepts_every_example() {
        int exit = flinkctl.run("validate", "-f", System.getProperty("examples.dir", "../examples"));

        assertThat(exit).as(err()).isEqualTo(Flinkctl.OK);
        assertThat(out()).contains("FlinkDeployment basic-example is valid", "FlinkSessionJob basic-session-job-example is valid",
                "FlinkStateSnapshot example-savepoint is valid");
    }

    @Test
    void validate_lists_every_violation_with_its_field_path_and_fails() throws IOException {
        Path file = write("bad.yaml", """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata:
                  name: orders
                spec:
                  flinkVersion: v1_20
                  jobManager: {resource: {memory: 1g, cpu: 1}}
                  taskManager: {resource: {memory: 1g, cpu: "500m"}}
                  job:
                    jarURI: local:///opt/job.jar
                    paralelism: 2
                    upgradeMode: last-state
                """);

        int exit = flinkctl.run("validate", "-f", file.toString());

        assertThat(exit).isEqualTo(Flinkctl.INVALID);
        assertThat(err()).contains(file + ": 3 problem(s)",
                "spec.job.paralelism: unknown field; did you mean 'parallelism'?",
                "spec.taskManager.resource.cpu: '500m' is a string; cpu is a number of cores; write 0.5 for 500m",
                "spec.job.upgradeMode: upgradeMode last-state keeps state in checkpoints, but no checkpoint directory is configured");
    }

    @Test
    void validate_reports_a_syntax_error_with_file_line_and_column() throws IOException {
        Path file = write("broken.yaml", "kind: FlinkDeployment\nspec:\n  image: [flink\n");

        assertThat(flinkctl.run("validate", "-f", file.toString())).isEqualTo(Flinkctl.INVALID);
        assertThat(err()).startsWith(file + ":4:1: while parsing a flow sequence started at line 3, column 10");
    }

    @Test
    void a_session_job_is_checked_against_the_session_cluster_in_the_same_folder() throws IOException {
        write("session.yaml", """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata: {name: session}
                spec:
                  flinkVersion: v1_20
                  jobManager: {resource: {memory: 1g, cpu: 1}}
                  taskManager: {resource: {memory: 1g, cpu: 1}}
                """);
        write("job.yaml", """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkSessionJob
                metadata: {name: clicks}
                spec:
                  deploymentName: session
                  job: {jarURI: "file:///jobs/clicks.jar", parallelism: 1, upgradeMode: last-state}
                """);

        assertThat(flinkctl.run("validate", "-f", dir.toString())).isEqualTo(Flinkctl.INVALID);
        assertThat(err()).contains("spec.job.upgradeMode", "[CHECKPOINT_DIR_MISSING]");
    }

    @Test
    void usage_errors_exit_with_two() {
        assertThat(flinkctl.run()).isEqualTo(Flinkctl.USAGE);
        assertThat(flinkctl.run("frobnicate")).isEqualTo(Flinkctl.USAGE);
        assertThat(flinkctl.run("validate")).isEqualTo(Flinkctl.USAGE);
        assertThat(flinkctl.run("validate", "-f", dir.resolve("missing.yaml").toString())).isEqualTo(Flinkctl.USAGE);
        assertThat(err()).contains("unknown command 'frobnicate'", "no such file or directory");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
