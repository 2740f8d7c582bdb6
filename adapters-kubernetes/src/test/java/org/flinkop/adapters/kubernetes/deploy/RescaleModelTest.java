package org.flinkop.adapters.kubernetes.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;
import java.util.stream.Stream;
import org.flinkop.ports.PortFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Rescaling a standalone cluster in place gives what deploying the rescaled spec would give. */
class RescaleModelTest {

    static Stream<Arguments> rescales() {
        return Stream.of(
                // taskManagers, parallelism -> replicas, parallelism.default (slots are 2)
                Arguments.of(3, null, 3, "6"),
                Arguments.of(3, 4, 3, "6"),
                Arguments.of(null, 5, 3, "5"),
                Arguments.of(null, 1, 1, "1"));
    }

    @ParameterizedTest(name = "taskManagers {0}, parallelism {1}: {2} replicas, parallelism {3}")
    @MethodSource("rescales")
    void replicas_take_precedence_and_a_parallelism_alone_asks_for_enough_slots(Integer taskManagers, Integer parallelism, int replicas, String effective) {
        for (boolean flink2 : new boolean[] {false, true}) {
            ConfigMap current = configMap(flink2);

            RescaleModel rescaled = RescaleModel.of(current, taskManagers, parallelism).get();

            assertThat(rescaled.taskManagers()).isEqualTo(replicas);
            String file = rescaled.configMap().getData().get(flink2 ? "config.yaml" : "flink-conf.yaml");
            assertThat(FlinkConfigFile.read(file)).containsEntry("parallelism.default", effective).containsEntry("taskmanager.numberOfTaskSlots", "2");
            assertThat(rescaled.configMap().getData()).containsEntry("log4j-console.properties", "rootLogger.level = INFO\n");
        }
    }

    @Test
    void rescaling_a_standalone_example_as_its_new_spec_would_deploy_it_gives_the_same_configuration() {
        var before = Fixtures.generate(Fixtures.request("standalone.yaml"));
        var after = Fixtures.generate(Fixtures.withSpec(Fixtures.request("standalone.yaml"), s -> Fixtures.taskManagerReplicas(s, 5)));

        RescaleModel rescaled = RescaleModel.of(before.flinkConfig(), 5, 4).get();

        assertThat(rescaled.taskManagers()).isEqualTo(after.taskManager().get().getSpec().getReplicas());
        assertThat(rescaled.configMap().getData()).isEqualTo(after.flinkConfig().getData());
    }

    @Test
    void a_count_below_one_is_refused() {
        assertThat(RescaleModel.of(configMap(false), 0, null).getLeft().reason()).isEqualTo(PortFailure.Reason.REJECTED);
        assertThat(RescaleModel.of(configMap(false), null, -2).getLeft().message()).startsWith("parallelism: -2 is not above zero");
    }

    private static ConfigMap configMap(boolean flink2) {
        String file = FlinkConfigFile.render(Map.of("taskmanager.numberOfTaskSlots", "2", "parallelism.default", "4"), flink2).get();
        return new ConfigMapBuilder().withNewMetadata().withName("flink-config-orders").endMetadata()
                .withData(Map.of(flink2 ? "config.yaml" : "flink-conf.yaml", file, "log4j-console.properties", "rootLogger.level = INFO\n")).build();
    }
}
