package org.flinkop.testkit.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DynamicPropertiesTest {

    private final DynamicProperties properties = new DynamicProperties(List.of("--job-classname", "Job", "-Drest.port=8081", "-D",
            "taskmanager.memory.network.max=64mb", "-Dweird=a=b", "-Drest.port=8082", "last"));

    @Test
    void both_forms_are_read_and_the_last_value_of_a_key_wins() {
        assertThat(properties.values()).containsExactly(java.util.Map.entry("rest.port", "8082"), java.util.Map.entry("taskmanager.memory.network.max", "64mb"),
                java.util.Map.entry("weird", "a=b"));
    }

    @Test
    void new_values_replace_each_property_in_its_form_and_place_and_other_arguments_stay() {
        assertThat(properties.with(Map.of("rest.port", "40001", "taskmanager.memory.network.max", "32mb")))
                .containsExactly("--job-classname", "Job", "-Drest.port=40001", "-D", "taskmanager.memory.network.max=32mb", "-Dweird=a=b",
                        "-Drest.port=40001", "last");
    }
}
