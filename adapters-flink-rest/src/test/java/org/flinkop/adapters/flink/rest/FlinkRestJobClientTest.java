package org.flinkop.adapters.flink.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.PortFailure.Reason;
import org.flinkop.ports.flink.FlinkJobClient;
import org.junit.jupiter.api.Test;

/** The client against endpoints that do not answer: a closed port and a server that accepts and stays silent. */
class FlinkRestJobClientTest {

    private static final String JOB = "a0a0a0a0a0a0a0a0a0a0a0a0a0a0a001";
    private static final FlinkRestSettings ONE_SECOND = new FlinkRestSettings(Duration.ofSeconds(1), 1);

    @Test
    void a_closed_port_is_unavailable_with_its_cause() throws IOException {
        URI closed = closedPort();
        // a deadline far beyond a refused connection, so that only the refusal can end the call, however busy the machine
        try (FlinkRestJobClient client = new FlinkRestJobClient(new FlinkRestSettings(Duration.ofSeconds(60), 1))) {
            PortFailure failure = client.jobs(closed).getLeft();

            assertThat(failure.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(failure.message()).contains("Connection refused");
        }
    }

    @Test
    void a_silent_server_is_a_timeout_at_the_configured_deadline() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                FlinkRestJobClient client = new FlinkRestJobClient(ONE_SECOND)) {
            PortFailure failure = client.job(URI.create("http://127.0.0.1:" + silent.getLocalPort()), JOB).getLeft();

            assertThat(failure.reason()).isEqualTo(Reason.TIMEOUT);
            // the configured deadline, not the client library's own minute of retries, ends the wait
            assertThat(failure.message()).contains("within 1000 ms");
        }
    }

    @Test
    void a_malformed_job_id_is_rejected_without_a_request() {
        try (FlinkRestJobClient client = new FlinkRestJobClient(ONE_SECOND)) {
            assertThat(client.cancel(URI.create("http://127.0.0.1:1"), "not-a-job").getLeft().reason()).isEqualTo(Reason.REJECTED);
        }
    }

    @Test
    void the_module_binds_one_client_with_the_settings() {
        Injector injector = Guice.createInjector(new FlinkRestModule(ONE_SECOND));

        assertThat(injector.getInstance(FlinkJobClient.class)).isInstanceOf(FlinkRestJobClient.class).isSameAs(injector.getInstance(FlinkJobClient.class));
        assertThat(injector.getInstance(FlinkRestSettings.class)).isEqualTo(ONE_SECOND);
        ((FlinkRestJobClient) injector.getInstance(FlinkJobClient.class)).close();
    }

    private static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }
}
