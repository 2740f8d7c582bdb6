package org.flinkop.runtime.embedded.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A real Flink session cluster starts from Maven Central jars, answers on loopback, and leaves no process behind. */
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
}
