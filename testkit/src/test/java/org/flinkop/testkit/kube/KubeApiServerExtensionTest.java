package org.flinkop.testkit.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeApiServerExtensionTest {

    @Test
    void a_namespace_is_named_after_its_test_as_a_dns_label() {
        assertThat(KubeApiServerExtension.namespaceName("a_status_write_that_lost_the_race", 7)).isEqualTo("a-status-write-that-lost-the-race-7");
        assertThat(KubeApiServerExtension.namespaceName("[1] HTTP 404", 2)).isEqualTo("t-1-http-404-2");
        assertThat(KubeApiServerExtension.namespaceName("9 lives", 3)).isEqualTo("t-9-lives-3");
        String long_ = KubeApiServerExtension.namespaceName("x".repeat(40) + "_" + "y".repeat(40), 12345);
        assertThat(long_).hasSizeLessThanOrEqualTo(63).endsWith("-12345").matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    }

    @Test
    void missing_binaries_are_named_with_the_command_that_builds_them(@TempDir Path empty) {
        assertThatThrownBy(() -> KubeBinaries.find(empty, empty.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(empty.resolve("kube-apiserver").toString())
                .hasMessageContaining("kubectl")
                .hasMessageContaining("etcd")
                .hasMessageContaining("scripts/k8s-control-plane.sh build");
    }
}
