package org.flinkop.adapters.kubernetes.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Writing Flink's configuration files, and reading back and editing what was written. */
class FlinkConfigFileTest {

    private static Map<String, Object> sample() {
        Map<String, Object> conf = new LinkedHashMap<>();
        conf.put("taskmanager.numberOfTaskSlots", "2");
        conf.put("$internal.pipeline.job-id", "0123456789abcdef0123456789abcdef");
        conf.put("pipeline.jars", List.of("local:///opt/flink/usrlib/job.jar"));
        conf.put("$internal.application.program-args", List.of("--mode", "a;b", "say \"hi\""));
        conf.put("metrics.reporter.prom.filter.includes", "*:records*");
        return conf;
    }

    @Test
    void flink_conf_yaml_is_one_key_value_line_each_with_flinks_list_syntax() {
        assertThat(FlinkConfigFile.render(sample(), false).get()).isEqualTo("""
                taskmanager.numberOfTaskSlots: 2
                $internal.pipeline.job-id: 0123456789abcdef0123456789abcdef
                pipeline.jars: local:///opt/flink/usrlib/job.jar
                $internal.application.program-args: --mode;"a;b";"say ""hi\"\"\"
                metrics.reporter.prom.filter.includes: *:records*
                """);
    }

    @Test
    void config_yaml_is_standard_yaml_with_flow_lists_and_quotes_where_yaml_needs_them() {
        assertThat(FlinkConfigFile.render(sample(), true).get()).isEqualTo("""
                taskmanager.numberOfTaskSlots: 2
                $internal.pipeline.job-id: 0123456789abcdef0123456789abcdef
                pipeline.jars: [local:///opt/flink/usrlib/job.jar]
                $internal.application.program-args: ["--mode", a;b, "say \\"hi\\""]
                metrics.reporter.prom.filter.includes: "*:records*"
                """);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "plain|plain",
            "file:///flink-data/checkpoints|file:///flink-data/checkpoints",
            "a: b|\"a: b\"",
            "null|\"null\"",
            "-Xmx1g|\"-Xmx1g\"",
            "{a: 1}|\"{a: 1}\"",
            "x #y|\"x #y\"",
            "30 s|30 s"})
    void yaml_scalars_are_plain_only_when_yaml_reads_them_back_as_the_same_string(String value, String written) {
        assertThat(FlinkConfigFile.yamlScalar(value)).isEqualTo(written);
    }

    @Test
    void what_was_written_reads_back_and_one_value_can_be_replaced_or_added() {
        for (boolean standard : new boolean[] {false, true}) {
            String text = FlinkConfigFile.render(Map.of("parallelism.default", "2", "taskmanager.numberOfTaskSlots", "4"), standard).get();

            assertThat(FlinkConfigFile.read(text)).containsEntry("parallelism.default", "2").containsEntry("taskmanager.numberOfTaskSlots", "4");
            assertThat(FlinkConfigFile.read(FlinkConfigFile.withValue(text, "parallelism.default", "8", standard)))
                    .containsEntry("parallelism.default", "8").containsEntry("taskmanager.numberOfTaskSlots", "4").hasSize(2);
            assertThat(FlinkConfigFile.read(FlinkConfigFile.withValue(text, "rest.port", "8082", standard))).containsEntry("rest.port", "8082").hasSize(3);
        }
    }
}
