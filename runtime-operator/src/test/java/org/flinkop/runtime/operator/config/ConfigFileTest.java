package org.flinkop.runtime.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigFileTest {

    private static final Path DIR = Path.of("target", "config-file-test");

    private static Path write(String name, String text) throws IOException {
        Files.createDirectories(DIR);
        return Files.writeString(DIR.resolve(name), text);
    }

    @Test
    void a_properties_file_is_read_key_by_key() throws IOException {
        var read = ConfigFile.read(write("operator.properties", "kubernetes.operator.reconcile.parallelism = 8\n# a comment\nflinkop.log.level=DEBUG\n"));
        assertThat(read.get()).containsExactlyInAnyOrderEntriesOf(Map.of("kubernetes.operator.reconcile.parallelism", "8", "flinkop.log.level", "DEBUG"));
    }

    @Test
    void yaml_keys_may_nest_and_lists_become_comma_separated() throws IOException {
        var read = ConfigFile.read(write("operator.yaml", """
                kubernetes.operator:
                  reconcile:
                    interval: 30 s
                    parallelism: 8
                  watched.namespaces: [team-a, team-b]
                flinkop.log.level: INFO
                """));
        assertThat(read.get()).containsExactlyInAnyOrderEntriesOf(Map.of("kubernetes.operator.reconcile.interval", "30 s",
                "kubernetes.operator.reconcile.parallelism", "8", "kubernetes.operator.watched.namespaces", "team-a,team-b", "flinkop.log.level", "INFO"));
    }

    @Test
    void a_yaml_syntax_error_names_the_file_line_and_column() throws IOException {
        Path file = write("broken.yaml", "kubernetes.operator.reconcile.interval: 30 s\n  flinkop.log.level: [INFO\n");
        assertThat(ConfigFile.read(file).getLeft()).startsWith(file + ":").containsPattern(":\\d+:\\d+: ");
    }

    @Test
    void a_duplicate_yaml_key_is_refused() throws IOException {
        assertThat(ConfigFile.read(write("twice.yaml", "flinkop.log.level: INFO\nflinkop.log.level: DEBUG\n")).getLeft()).contains("flinkop.log.level");
    }

    @Test
    void yaml_that_is_not_a_mapping_is_refused() throws IOException {
        assertThat(ConfigFile.read(write("list.yaml", "- a\n- b\n")).getLeft()).contains("must be a mapping");
    }

    @Test
    void an_empty_yaml_file_sets_nothing() throws IOException {
        assertThat(ConfigFile.read(write("empty.yaml", "# nothing yet\n")).get()).isEmpty();
    }

    @Test
    void a_file_of_another_kind_or_that_is_not_there_is_refused_naming_the_option() throws IOException {
        assertThat(ConfigFile.read(write("operator.conf", "x")).getLeft()).startsWith("--config ").contains(".properties, .yaml or .yml");
        assertThat(ConfigFile.read(DIR.resolve("missing.yaml")).getLeft()).startsWith("--config ").contains("cannot read the file");
    }
}
