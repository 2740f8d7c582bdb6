package org.flinkop.runtime.embedded.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real Flink session cluster starts from Maven Central jars, answers on loopback, and leaves no process behind; a
 * JobManager whose port another process took between choosing and binding it starts again on new ports.
 */
class LocalFlinkClusterIT {

    @ParameterizedTest(name = "Flink {0}")
    @ValueSource(strings = {"1.20.0", "2.3.0"})
    void a_session_cluster_starts_answers_and_stops_without_a_trace(String version) throws Exception {
        String classpath = FlinkDistributions.classpath(version);
        List<Long> pids;
        URI endpoint;
        try (LocalFlinkCluster cluster = LocalFlinkCluster.startSession(classpath, FlinkDistributions.workDir("session-" + version), 1, 2,
                Map.of("execution.checkpointing.dir", "file:///tmp/unused-checkpoints"), Duration.ofSeconds(90))) {
            endpoint = cluster.restEndpoint();
            pids = cluster.pids();
            String overview = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/overview")).build(), HttpResponse.BodyHandlers.ofString()).body();

            assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
            assertThat(overview).contains("\"slots-total\":2", "\"flink-version\":\"" + version + "\"");
            assertThat(pids).hasSize(2);
        }
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("process %d", pid).isFalse());
    }

    @ParameterizedTest(name = "Flink {0}")
    @ValueSource(strings = {"1.20.0", "2.3.0"})
    void a_jobmanager_whose_port_was_taken_meanwhile_starts_again_on_new_ports(String version) throws Exception {
        Path work = FlinkDistributions.workDir("port-taken-" + version);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            AtomicInteger calls = new AtomicInteger();
            LocalFlinkCluster.PortSource firstTaken = () -> calls.getAndIncrement() == 0 ? taken.getLocalPort() : freePort();

            try (LocalFlinkCluster cluster = LocalFlinkCluster.startSession(FlinkDistributions.classpath(version), work, 1, 1, Map.of(), Map.of(),
                    Duration.ofSeconds(90), firstTaken)) {
                assertThat(cluster.restEndpoint().getPort()).isNotEqualTo(taken.getLocalPort());
                assertThat(cluster.pids()).hasSize(2).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true));
            }
            assertThat(work.resolve("log/attempt-1/jobmanager.log")).content().contains("BindException");
            assertThat(work.resolve("log/jobmanager.log")).content().doesNotContain("BindException");
        }
    }

    @Test
    void a_port_that_stays_taken_fails_the_start_with_flinks_reason_and_leaves_no_process() throws Exception {
        Path work = FlinkDistributions.workDir("port-stays-taken");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> LocalFlinkCluster.startSession(FlinkDistributions.classpath("2.3.0"), work, 1, 1, Map.of("rest.port",
                    Integer.toString(taken.getLocalPort())), Map.of(), Duration.ofSeconds(90), LocalFlinkClusterIT::freePort))
                    .isInstanceOf(LocalFlinkCluster.PortTaken.class)
                    .hasMessageContaining("the Flink jobmanager (pid ")
                    .hasMessageContaining("jobmanager.log:")
                    .hasMessageContaining("Caused by: java.net.BindException: Could not start rest endpoint on any port in port range " + taken.getLocalPort());
        }
        assertThat(work.resolve("log/attempt-1")).isDirectory();
        assertThat(work.resolve("log/attempt-2")).isDirectory();
        assertThat(LocalFlinkCluster.adopt(work)).as("a process left running in %s", work).isEmpty();
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
