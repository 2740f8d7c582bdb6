package org.flinkop.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What main does before it starts anything: every refusal is exit code 2 with one line per problem and no stack trace. */
class OperatorMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> environment, String... args) {
        return new OperatorMain(environment, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static Path file(String name, String text) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "operator-main-test"));
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void help_prints_the_usage_and_exits_0() {
        assertThat(run(Map.of(), "--help")).isEqualTo(OperatorMain.STOPPED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: flinkop-operator [--config FILE] [--kubeconfig FILE]");
    }

    @Test
    void a_bad_command_line_exits_2_with_the_usage() {
        assertThat(run(Map.of(), "--verbose")).isEqualTo(OperatorMain.BAD_CONFIGURATION);
        assertThat(err()).contains("unknown argument '--verbose'").contains("usage:");
    }

    @Test
    void every_bad_setting_is_listed_and_it_exits_2_without_a_stack_trace() throws IOException {
        Path config = file("bad.yaml", "kubernetes.operator.reconcile.parallelism: 0\nkubernetes.operator.health.probe.port: http\n");
        assertThat(run(Map.of("FLINKOP_SHUTDOWN_TIMEOUT", "forever"), "--config", config.toString())).isEqualTo(OperatorMain.BAD_CONFIGURATION);
        assertThat(err()).contains("the configuration has 3 problem(s):")
                .contains("  kubernetes.operator.reconcile.parallelism: '0' is not valid (allowed: a whole number from 1 to 1024)")
                .contains("  kubernetes.operator.health.probe.port: 'http' is not valid (allowed: a whole number from 0 to 65535)")
                .contains("  flinkop.shutdown.timeout (environment variable FLINKOP_SHUTDOWN_TIMEOUT): 'forever' is not valid")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void a_configuration_file_that_cannot_be_read_exits_2() {
        assertThat(run(Map.of(), "--config", "target/operator-main-test/none.yaml")).isEqualTo(OperatorMain.BAD_CONFIGURATION);
        assertThat(err()).contains("--config target/operator-main-test/none.yaml: cannot read the file");
    }

    @Test
    void a_kubeconfig_that_is_not_there_or_not_a_kubeconfig_exits_2() throws IOException {
        assertThat(run(Map.of(), "--kubeconfig", "target/operator-main-test/none")).isEqualTo(OperatorMain.BAD_CONFIGURATION);
        assertThat(err()).contains("--kubeconfig target/operator-main-test/none: no readable file there");

        Path notKube = file("not-a-kubeconfig", "{{{ this is not yaml");
        assertThat(run(Map.of(), "--kubeconfig", notKube.toString())).isEqualTo(OperatorMain.BAD_CONFIGURATION);
        assertThat(err()).contains("--kubeconfig " + notKube + ": not a usable kubeconfig").doesNotContain("\tat ");
    }
}
