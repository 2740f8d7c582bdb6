package org.flinkop.testkit.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void blanks_separate_words_and_quotes_keep_what_they_hold() {
        assertThat(ShellWords.split("kubernetes-taskmanager.sh  -Da=b -D 'c=d e' -Df='it'\\''s' \"-Dg=$x \\\"y\\\"\" h\\ i"))
                .contains(List.of("kubernetes-taskmanager.sh", "-Da=b", "-D", "c=d e", "-Df=it's", "-Dg=$x \"y\"", "h i"));
    }

    @Test
    void an_empty_quoted_word_is_a_word() {
        assertThat(ShellWords.split("a '' b")).contains(List.of("a", "", "b"));
    }

    @Test
    void a_quote_left_open_is_no_command_line() {
        assertThat(ShellWords.split("a 'b")).isEmpty();
        assertThat(ShellWords.split("a \"b")).isEmpty();
    }
}
