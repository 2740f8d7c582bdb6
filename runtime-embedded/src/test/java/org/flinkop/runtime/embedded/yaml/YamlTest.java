package org.flinkop.runtime.embedded.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlTest {

    private static final Path FILE = Path.of("resources.yaml");

    @Test
    void every_document_of_a_file_is_read_and_empty_ones_are_skipped() {
        List<YamlDocument> documents = Yaml.read(FILE, "a: 1\n---\n---\n# only a comment\n---\nb: [x, y]\n").get();

        assertThat(documents).extracting(YamlDocument::index).containsExactly(1, 4);
        assertThat(documents.get(1).tree()).isEqualTo(Map.of("b", List.of("x", "y")));
        assertThat(documents.get(1).line()).isEqualTo(6);
        assertThat(documents.get(1).describe()).isEqualTo("resources.yaml (document 4, line 6)");
    }

    @Test
    void a_syntax_error_names_the_file_line_and_column() {
        YamlSyntaxError error = Yaml.read(FILE, "kind: FlinkDeployment\nspec:\n  image: [flink\n").getLeft();

        assertThat(error.describe()).isEqualTo("resources.yaml:4:1: while parsing a flow sequence started at line 3, column 10; "
                + "expected ',' or ']', but got <stream end>");
    }

    @Test
    void a_duplicate_key_is_an_error_not_a_silent_overwrite() {
        YamlSyntaxError error = Yaml.read(FILE, "spec:\n  image: a\n  image: b\n").getLeft();

        assertThat(error.line()).isEqualTo(3);
        assertThat(error.message()).contains("image");
    }

    @Test
    void a_tab_indented_file_is_a_syntax_error_with_its_place() {
        YamlSyntaxError error = Yaml.read(FILE, "spec:\n\timage: a\n").getLeft();

        assertThat(error.line()).isEqualTo(2);
    }
}
