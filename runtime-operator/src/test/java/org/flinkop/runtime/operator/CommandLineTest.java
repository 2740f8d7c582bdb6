package org.flinkop.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void options_take_their_file_after_a_space_or_an_equals_sign() {
        CommandLine line = CommandLine.parse("--config", "operator.yaml", "--kubeconfig=/etc/kube/config").get();
        assertThat(line.config().get()).isEqualTo(Path.of("operator.yaml"));
        assertThat(line.kubeconfig().get()).isEqualTo(Path.of("/etc/kube/config"));
        assertThat(line.help()).isFalse();
    }

    @Test
    void nothing_is_required() {
        CommandLine line = CommandLine.parse().get();
        assertThat(line.config().isEmpty()).isTrue();
        assertThat(line.kubeconfig().isEmpty()).isTrue();
    }

    @Test
    void help_is_asked_for_by_its_long_or_short_name() {
        assertThat(CommandLine.parse("--help").get().help()).isTrue();
        assertThat(CommandLine.parse("-h").get().help()).isTrue();
    }

    @Test
    void an_unknown_argument_or_a_missing_file_is_refused_saying_what_is_allowed() {
        assertThat(CommandLine.parse("--conf", "x").getLeft()).isEqualTo("unknown argument '--conf' (allowed: --config FILE, --kubeconfig FILE, --help)");
        assertThat(CommandLine.parse("--config").getLeft()).isEqualTo("--config needs a file (allowed: --config FILE)");
        assertThat(CommandLine.parse("--kubeconfig=").getLeft()).isEqualTo("--kubeconfig needs a file (allowed: --kubeconfig FILE)");
    }
}
