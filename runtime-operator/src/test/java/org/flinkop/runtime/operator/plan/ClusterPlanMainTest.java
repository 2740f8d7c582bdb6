package org.flinkop.runtime.operator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code flinkctl plan --kubeconfig} refuses before it reads anything from a cluster, and how. */
class ClusterPlanMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void usage_errors_exit_with_two_and_say_what_is_missing() {
        assertThat(run("plan", "--kubeconfig", "kc")).isEqualTo(ClusterPlanMain.USAGE);
        assertThat(run("plan", "-f", "x.yaml")).isEqualTo(ClusterPlanMain.USAGE);
        assertThat(run("plan", "-f", "x.yaml", "--kubeconfig", "kc", "--wait")).isEqualTo(ClusterPlanMain.USAGE);
        assertThat(run("plan", "-f", dir.resolve("missing.yaml").toString(), "--kubeconfig", "kc")).isEqualTo(ClusterPlanMain.USAGE);
        assertThat(err()).contains("plan needs -f FILE|DIR", "plan against a cluster needs --kubeconfig PATH", "unknown option --wait",
                "missing.yaml: no such file or directory");
    }

    @Test
    void a_file_that_is_not_yaml_is_named_with_its_line_and_column() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "kind: FlinkDeployment\nspec:\n  image: [flink\n");

        assertThat(run("plan", "-f", broken.toString(), "--kubeconfig", kubeconfig().toString())).isEqualTo(ClusterPlanner.INVALID);
        assertThat(err()).startsWith(broken + ":4:1: ");
    }

    @Test
    void a_context_the_kubeconfig_does_not_have_is_refused_naming_those_it_has() throws IOException {
        assertThat(run("plan", "-f", document().toString(), "--kubeconfig", kubeconfig().toString(), "--context", "prod")).isEqualTo(ClusterPlanMain.USAGE);
        assertThat(err()).contains("--context prod: no such context in " + kubeconfig() + " (allowed: local)");
    }

    @Test
    void an_api_server_that_cannot_be_reached_is_one_line_and_exit_code_two() throws IOException {
        assertThat(run("plan", "-f", document().toString(), "--kubeconfig", kubeconfig().toString())).isEqualTo(ClusterPlanMain.USAGE);
        assertThat(err().lines().toList()).hasSize(1);
        assertThat(err()).startsWith("flinkctl plan: cannot read the resources from https://127.0.0.1:1/: UNAVAILABLE");
        assertThat(out()).isEmpty();
    }

    private Path document() throws IOException {
        return Files.writeString(dir.resolve("orders.yaml"), "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: orders}\n");
    }

    /** A kubeconfig whose API server is a port nothing listens on. */
    private Path kubeconfig() throws IOException {
        return Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: local
                  cluster: {server: "https://127.0.0.1:1"}
                users:
                - name: admin
                  user: {token: "t"}
                contexts:
                - name: local
                  context: {cluster: local, user: admin, namespace: team}
                current-context: local
                """);
    }

    private int run(String... args) {
        return ClusterPlanMain.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
