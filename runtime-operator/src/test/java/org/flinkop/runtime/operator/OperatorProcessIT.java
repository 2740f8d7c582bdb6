package org.flinkop.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.runtime.operator.KubeWorld.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flinkop.runtime.operator.config.OperatorKeys;
import org.flinkop.testkit.kube.KubeNamespace;
import org.flinkop.testkit.kube.WithKubeApiServer;
import org.junit.jupiter.api.Test;

/**
 * {@code OperatorMain} as its own JVM, as the image runs it: every bad setting refused at start with exit code 2
 * and no stack trace; a SIGTERM stops it gracefully.
 */
@WithKubeApiServer
class OperatorProcessIT {

    @Test
    void bad_settings_from_the_file_and_the_environment_are_refused_with_exit_code_2_each_named(KubeNamespace namespace) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(OperatorKeys.RECONCILE_PARALLELISM, "many");
        settings.put(org.flinkop.domain.config.FlinkOptions.RECONCILE_INTERVAL, "soon");
        settings.put("flinkop.http.adress", "127.0.0.1");
        try (OperatorProcess operator = OperatorProcess.start(KubeWorld.itDir().resolve("process").resolve(namespace.name()),
                namespace.controlPlane().kubeconfig(), settings, Map.of(OperatorKeys.environmentVariable(OperatorKeys.LOG_LEVEL), "LOUD"), List.of("-Xmx128m"))) {
            assertThat(operator.awaitExit(Duration.ofSeconds(60))).isEqualTo(OperatorMain.BAD_CONFIGURATION);
            assertThat(operator.stderr()).contains("the configuration has 4 problem(s)")
                    .contains("kubernetes.operator.reconcile.parallelism: 'many' is not valid (allowed: a whole number from 1 to 1024)")
                    .contains("kubernetes.operator.reconcile.interval: 'soon' is not valid")
                    .contains("flinkop.http.adress: unknown setting")
                    .contains("flinkop.log.level (environment variable FLINKOP_LOG_LEVEL): 'LOUD' is not valid (allowed: one of TRACE, DEBUG, INFO, WARN, ERROR)")
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void sigterm_stops_taking_work_and_stops_the_operator_gracefully(KubeNamespace namespace) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(InProcessOperator.testSettings(namespace.name()));
        settings.remove(OperatorKeys.HEALTH_PROBE_PORT);
        try (OperatorProcess operator = OperatorProcess.start(KubeWorld.itDir().resolve("process").resolve(namespace.name()),
                namespace.controlPlane().kubeconfig(), settings, Map.of(), List.of("-Xmx256m"));
                KubeWorld world = new KubeWorld(namespace.controlPlane(), namespace.name())) {
            await("the operator ready", () -> operator.get("/readyz") == 200, operator::stdout);
            assertThat(operator.get("/healthz")).isEqualTo(200);
            world.applyExample("basic.yaml");
            await("the JobManager Deployment created", () -> world.deployment("basic-example") != null, operator::stdout);

            int exit = operator.terminate(Duration.ofSeconds(60));

            assertThat(exit).as("stopped by SIGTERM, after the shutdown hook ran").isEqualTo(143);
            String log = operator.stdout();
            assertThat(log).contains("msg=\"operator started\"").contains("msg=\"operator stopping\"").contains("msg=\"operator stopped\"");
            assertThat(log.indexOf("operator stopping")).isLessThan(log.indexOf("operator stopped"));
            assertThat(operator.stderr()).doesNotContain("\tat ");
        }
    }
}
