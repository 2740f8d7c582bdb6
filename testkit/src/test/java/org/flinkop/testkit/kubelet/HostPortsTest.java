package org.flinkop.testkit.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostPortsTest {

    @Test
    void every_port_handed_out_is_below_the_ephemeral_range_and_none_twice_in_a_round() {
        HostPorts ports = new HostPorts();
        int ephemeral = HostPorts.ephemeralStart(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = ports.take();
            assertThat(port).isBetween(HostPorts.LOWEST, ephemeral - 1);
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
        }
    }

    @Test
    void a_port_someone_listens_on_is_skipped() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            HostPorts ports = new HostPorts(port, port + 1);
            assertThat(ports.take()).isEqualTo(port + 1);
            assertThat(ports.take()).isEqualTo(port + 1);
        }
    }

    @Test
    void a_range_without_a_free_port_is_an_error_naming_it() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> new HostPorts(port, port).take()).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("between " + port + " and " + port);
        }
    }

    @Test
    void the_ephemeral_range_is_read_from_the_kernel_setting_with_a_fallback(@TempDir Path dir) throws IOException {
        Path range = Files.writeString(dir.resolve("ip_local_port_range"), "40000\t60999\n");
        assertThat(HostPorts.ephemeralStart(range)).isEqualTo(40_000);
        assertThat(HostPorts.ephemeralStart(dir.resolve("missing"))).isEqualTo(32_768);
        assertThat(HostPorts.ephemeralStart(Files.writeString(dir.resolve("low"), "1024 65000"))).isEqualTo(32_768);
    }
}
