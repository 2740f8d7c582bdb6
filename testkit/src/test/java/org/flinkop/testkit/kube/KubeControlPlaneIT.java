package org.flinkop.testkit.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/** A control plane whose API server port another process took between choosing and binding it starts on new ports. */
class KubeControlPlaneIT {

    @Test
    void an_api_server_port_taken_meanwhile_is_chosen_again() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            AtomicInteger calls = new AtomicInteger();
            // the second port a control plane asks for is its API server's
            IntSupplier secondTaken = () -> calls.incrementAndGet() == 2 ? taken.getLocalPort() : freePort();

            try (KubeControlPlane plane = KubeControlPlane.start(Path.of("target", "it", "port-taken-control-plane"), secondTaken)) {
                assertThat(plane.apiUrl().getPort()).isNotEqualTo(taken.getLocalPort());
                assertThat(plane.kubectl("get", "namespace", "default", "-o", "name").trim()).isEqualTo("namespace/default");
                assertThat(calls.get()).as("ports asked for: etcd, API server, etcd peer, then all again after the failed start").isGreaterThan(4);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
