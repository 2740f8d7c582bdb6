package org.flinkop.runtime.operator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flinkop.runtime.operator.config.OperatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpEndpointsTest {

    private final AtomicBoolean live = new AtomicBoolean(true);
    private final AtomicBoolean ready = new AtomicBoolean(false);
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpEndpoints endpoints;

    @BeforeEach
    void start() {
        endpoints = new HttpEndpoints(new OperatorConfig.Http("127.0.0.1", 0), new Health() {
            @Override
            public boolean live() {
                return live.get();
            }

            @Override
            public boolean ready() {
                return ready.get();
            }
        }, () -> "# TYPE x gauge\nx 1\n");
        assertThat(endpoints.start().isRight()).isTrue();
    }

    @AfterEach
    void stop() {
        endpoints.stop(Duration.ZERO);
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoints.port() + path)).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void liveness_and_readiness_answer_200_when_true_and_503_when_not() throws Exception {
        assertThat(send("GET", "/healthz").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/readyz").statusCode()).isEqualTo(503);
        assertThat(send("GET", "/readyz").body()).contains("not ready");
        ready.set(true);
        live.set(false);
        assertThat(send("GET", "/readyz").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/healthz").statusCode()).isEqualTo(503);
    }

    @Test
    void metrics_are_served_in_the_prometheus_text_format() throws Exception {
        HttpResponse<String> response = send("GET", "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body()).isEqualTo("# TYPE x gauge\nx 1\n");
    }

    @Test
    void head_answers_without_a_body_other_methods_and_paths_are_refused() throws Exception {
        HttpResponse<String> head = send("HEAD", "/healthz");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        HttpResponse<String> post = send("POST", "/metrics");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(send("GET", "/healthz/extra").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/").statusCode()).isEqualTo(404);
    }

    @Test
    void a_port_in_use_is_a_start_failure_naming_the_settings() {
        HttpEndpoints second = new HttpEndpoints(new OperatorConfig.Http("127.0.0.1", endpoints.port()), null, () -> "");
        assertThat(second.start().getLeft()).contains("cannot listen on 127.0.0.1:" + endpoints.port()).contains("kubernetes.operator.health.probe.port");
    }
}
