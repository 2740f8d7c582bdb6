package org.flinkop.adapters.kubernetes.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.adapters.kubernetes.deploy.Fixtures.configFile;
import static org.flinkop.adapters.kubernetes.deploy.Fixtures.generate;
import static org.flinkop.adapters.kubernetes.deploy.Fixtures.request;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.FlinkVersion;
import org.flinkop.domain.resource.JobManagerSpec;
import org.flinkop.domain.resource.Resource;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.ports.PortFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Flink configuration a cluster gets, across Flink versions, and the input it refuses. */
class FlinkConfigModelTest {

    @Test
    void flink_2_reads_config_yaml_with_lists_as_yaml_sequences_and_the_users_log_configuration() {
        DesiredCluster cluster = generate(request("log-configuration.yaml"));
        var data = cluster.flinkConfig().getData();

        assertThat(data).containsOnlyKeys("config.yaml", "log4j-console.properties", "taskmanager-pod-template.yaml", "jobmanager-pod-template.yaml");
        assertThat(data.get("config.yaml")).contains("pipeline.jars: [local:///opt/flink/examples/streaming/StateMachineExample.jar]\n");
        assertThat(data.get("log4j-console.properties")).isEqualTo(Fixtures.spec("log-configuration.yaml").logConfiguration().get("log4j-console.properties"));
        assertThat(configFile(cluster))
                .containsEntry("jobmanager.memory.process.size", "2048m")
                .containsEntry("taskmanager.memory.process.size", "2048m")
                .containsEntry("kubernetes.jobmanager.cpu.amount", "0.5")
                .containsEntry("execution.checkpointing.interval", "30s")
                .containsEntry("kubernetes.operator.periodic.savepoint.interval", "6h");
        assertThat(cluster.jobManager().getSpec().getTemplate().getSpec().getVolumes().get(0).getConfigMap().getItems())
                .extracting(i -> i.getKey()).containsExactly("config.yaml", "log4j-console.properties");
    }

    @Test
    void flink_1_reads_flink_conf_yaml_and_a_cluster_without_log_configuration_logs_to_the_console() {
        var data = generate(request("basic.yaml")).flinkConfig().getData();

        assertThat(data).containsOnlyKeys("flink-conf.yaml", "log4j-console.properties", "taskmanager-pod-template.yaml", "jobmanager-pod-template.yaml");
        assertThat(data.get("log4j-console.properties")).contains("rootLogger.appenderRef.console.ref = ConsoleAppender");
    }

    static Stream<Arguments> restoreKeys() {
        return Stream.of(
                Arguments.of(FlinkVersion.V1_18, "execution.savepoint.path", "execution.savepoint.ignore-unclaimed-state", "kubernetes.container.image.ref"),
                Arguments.of(FlinkVersion.V1_16, "execution.savepoint.path", "execution.savepoint.ignore-unclaimed-state", "kubernetes.container.image"),
                Arguments.of(FlinkVersion.V1_20, "execution.state-recovery.path", "execution.state-recovery.ignore-unclaimed-state", "kubernetes.container.image.ref"),
                Arguments.of(FlinkVersion.V2_1, "execution.state-recovery.path", "execution.state-recovery.ignore-unclaimed-state", "kubernetes.container.image.ref"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("restoreKeys")
    void a_restore_path_uses_the_keys_of_the_flink_version(FlinkVersion version, String pathKey, String ignoreKey, String imageKey) {
        var request = Fixtures.restoring(Fixtures.withSpec(request("basic.yaml"),
                s -> Fixtures.job(Fixtures.version(s, version), j -> Fixtures.entry(j, null, null, true))), StateLocation.savepoint("s3://state/sp-9"));

        assertThat(configFile(generate(request))).containsEntry(pathKey, "s3://state/sp-9").containsEntry(ignoreKey, "true").containsEntry(imageKey, "flink:1.20");
    }

    @Test
    void restoring_from_ha_metadata_or_from_nothing_sets_no_restore_path() {
        for (StateLocation restore : new StateLocation[] {StateLocation.none(), StateLocation.haMetadata()}) {
            assertThat(configFile(generate(Fixtures.restoring(request("basic-checkpoint-ha.yaml"), restore))))
                    .doesNotContainKeys("execution.state-recovery.path", "execution.savepoint.path");
        }
    }

    @Test
    void entry_class_and_arguments_are_in_the_configuration_for_flinks_application_entrypoint() {
        var request = Fixtures.withSpec(request("basic.yaml"),
                s -> Fixtures.job(s, j -> Fixtures.entry(j, "org.example.Orders", java.util.List.of("--input", "a;b"), null)));

        var file = generate(request).flinkConfig().getData().get("flink-conf.yaml");

        assertThat(file).contains("$internal.application.main: org.example.Orders\n").contains("$internal.application.program-args: --input;\"a;b\"\n");
    }

    @Test
    void memory_comes_from_the_configuration_when_the_spec_has_none_and_from_flinks_defaults_when_neither_has() {
        UnaryOperator<FlinkDeploymentSpec> noJobManagerMemory = s -> new FlinkDeploymentSpec(s.job(), s.restartNonce(), s.flinkConfiguration(), s.image(),
                s.imagePullPolicy(), s.serviceAccount(), s.flinkVersion(), s.ingress(), s.podTemplate(), new JobManagerSpec(new Resource(2.0, null, null), null, null),
                s.taskManager(), s.logConfiguration(), s.mode());
        var fromConfig = Fixtures.withSpec(request("basic.yaml"), s -> Fixtures.configuration(noJobManagerMemory.apply(s), "jobmanager.memory.process.size", "3g"));
        var fromFlinkSize = Fixtures.withSpec(request("basic.yaml"), s -> Fixtures.configuration(noJobManagerMemory.apply(s), "jobmanager.memory.flink.size", "1g"));
        var fromDefaults = Fixtures.withSpec(request("basic.yaml"), noJobManagerMemory);

        assertThat(generate(fromConfig).settings().jobManager().memoryRequest()).isEqualTo("3Gi");
        assertThat(configFile(generate(fromConfig))).containsEntry("jobmanager.memory.process.size", "3g");
        // 1024 + 256 metaspace = 1280, a tenth of the process over that is 142, below the 192 minimum
        assertThat(generate(fromFlinkSize).settings().jobManager().memoryRequest()).isEqualTo("1472Mi");
        assertThat(configFile(generate(fromFlinkSize))).doesNotContainKey("jobmanager.memory.process.size");
        assertThat(generate(fromDefaults).settings().jobManager().memoryRequest()).isEqualTo("1600Mi");
        assertThat(configFile(generate(fromDefaults))).containsEntry("jobmanager.memory.process.size", "1600m").containsEntry("kubernetes.jobmanager.cpu.amount", "2");
    }

    @Test
    void limit_factors_raise_the_limits_over_the_requests() {
        var request = Fixtures.withSpec(request("basic.yaml"), s -> Fixtures.configuration(Fixtures.configuration(s,
                "kubernetes.jobmanager.memory.limit-factor", "1.5"), "kubernetes.jobmanager.cpu.limit-factor", "2"));
        var main = Fixtures.mainContainer(generate(request).jobManager());

        assertThat(Fixtures.quantity(main, "limits", "memory")).isEqualTo("3Gi");
        assertThat(Fixtures.quantity(main, "limits", "cpu")).isEqualTo("2");
        assertThat(Fixtures.quantity(main, "requests", "cpu")).isEqualTo("1");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("memory that is not a size", change(s -> withJobManagerResource(s, new Resource(1.0, "lots", null))),
                        "spec.jobManager.resource.memory: 'lots' is not a memory size"),
                Arguments.of("cpu below zero", change(s -> withJobManagerResource(s, new Resource(-1.0, "1g", null))),
                        "spec.jobManager.resource.cpu: -1.0 is not above zero"),
                Arguments.of("ephemeral storage that is not a quantity", change(s -> withJobManagerResource(s, new Resource(1.0, "1g", "big"))),
                        "spec.jobManager.resource.ephemeralStorage: 'big' is not a Kubernetes quantity"),
                Arguments.of("slots that are not a number", change(s -> Fixtures.configuration(s, "taskmanager.numberOfTaskSlots", "two")),
                        "spec.flinkConfiguration.taskmanager.numberOfTaskSlots: 'two' is not a positive whole number"),
                Arguments.of("a configured memory that is not a size", change(s -> Fixtures.configuration(withJobManagerResource(s, null),
                        "jobmanager.memory.process.size", "much")), "spec.flinkConfiguration.jobmanager.memory.process.size: 'much' is not a memory size"),
                Arguments.of("a pull policy Kubernetes does not know", change(s -> new FlinkDeploymentSpec(s.job(), s.restartNonce(), s.flinkConfiguration(),
                        s.image(), "Sometimes", s.serviceAccount(), s.flinkVersion(), s.ingress(), s.podTemplate(), s.jobManager(), s.taskManager(),
                        s.logConfiguration(), s.mode())), "spec.imagePullPolicy: 'Sometimes' is not an image pull policy"),
                Arguments.of("a REST service type that is not one", change(s -> Fixtures.configuration(s, "kubernetes.rest-service.exposed.type", "Public")),
                        "spec.flinkConfiguration.kubernetes.rest-service.exposed.type: 'Public' is not a service type"),
                Arguments.of("a REST port that is not a port", change(s -> Fixtures.configuration(s, "rest.port", "8081-8089")),
                        "spec.flinkConfiguration.rest.port: '8081-8089' is not a port"),
                Arguments.of("a value over several lines for flink-conf.yaml", change(s -> Fixtures.configuration(s, "env.java.opts.all", "-Da=1\n-Db=2")),
                        "spec.flinkConfiguration.env.java.opts.all: spans several lines"),
                Arguments.of("a jar that is not a URI", change(s -> Fixtures.job(s, j -> new org.flinkop.domain.resource.JobSpec("local:///a b|c.jar",
                        j.parallelism(), null, null, null, null, null, null, null, null, null, null))), "spec.job.jarURI: 'local:///a b|c.jar' is not a URI"),
                Arguments.of("no Flink version", change(s -> Fixtures.version(s, null)), "spec.flinkVersion: is required"),
                Arguments.of("a savepoint still being written", (UnaryOperator<ClusterRequest>) r -> Fixtures.restoring(r, StateLocation.pendingSavepoint("t-1")),
                        "restoreFrom: the savepoint of trigger t-1 is still being written"),
                Arguments.of("HA metadata for a cluster without high availability", (UnaryOperator<ClusterRequest>) r -> Fixtures.restoring(r,
                        StateLocation.haMetadata()), "restoreFrom: HA metadata is only restored by a cluster with high availability"),
                Arguments.of("a job id Flink cannot read", (UnaryOperator<ClusterRequest>) r -> Fixtures.request(r.name(), r.spec(), r.restoreFrom(), "job-1"),
                        "jobId: 'job-1' is not a Flink job id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void input_a_cluster_cannot_be_made_from_is_refused_naming_the_field(String what, UnaryOperator<ClusterRequest> change, String message) {
        var generated = ClusterModel.of(change.apply(request("basic.yaml")));

        assertThat(generated.isLeft()).as("refused").isTrue();
        assertThat(generated.getLeft().reason()).isEqualTo(PortFailure.Reason.REJECTED);
        assertThat(generated.getLeft().message()).startsWith(message).contains("allowed: ");
    }

    @Test
    void a_value_over_several_lines_is_fine_in_flink_2s_config_yaml() {
        var request = Fixtures.withSpec(request("log-configuration.yaml"), s -> Fixtures.configuration(s, "env.java.opts.all", "-Da=1\n-Db=2"));

        assertThat(generate(request).flinkConfig().getData().get("config.yaml")).contains("env.java.opts.all: \"-Da=1\\n-Db=2\"\n");
        assertThat(configFile(generate(request))).containsEntry("env.java.opts.all", "-Da=1\n-Db=2");
    }

    private static UnaryOperator<ClusterRequest> change(UnaryOperator<FlinkDeploymentSpec> change) {
        return r -> Fixtures.withSpec(r, change);
    }

    private static FlinkDeploymentSpec withJobManagerResource(FlinkDeploymentSpec s, Resource resource) {
        return new FlinkDeploymentSpec(s.job(), s.restartNonce(), s.flinkConfiguration(), s.image(), s.imagePullPolicy(), s.serviceAccount(),
                s.flinkVersion(), s.ingress(), s.podTemplate(), new JobManagerSpec(resource, null, null), s.taskManager(), s.logConfiguration(), s.mode());
    }
}
