package org.flinkop.adapters.kubernetes.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.PortFailure.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the API server's answers become port failures. */
class KubernetesFailuresTest {

    @ParameterizedTest(name = "HTTP {0} is {1}")
    @CsvSource({"404,NOT_FOUND", "410,NOT_FOUND", "409,CONFLICT", "403,FORBIDDEN", "401,FORBIDDEN", "422,REJECTED", "400,REJECTED",
            "504,TIMEOUT", "408,TIMEOUT", "500,UNAVAILABLE", "503,UNAVAILABLE", "429,UNAVAILABLE"})
    void the_http_status_picks_the_reason(int code, Reason reason) {
        var status = new StatusBuilder().withCode(code).withMessage("the API server's words").build();

        PortFailure failure = KubernetesFailures.of("applying Deployment a/b", new KubernetesClientException("Failure executing: PATCH", code, status));

        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.message()).isEqualTo("applying Deployment a/b: the API server's words");
    }

    @Test
    void without_an_answer_a_timeout_is_a_timeout_and_anything_else_is_unavailable() {
        assertThat(KubernetesFailures.of("x", new KubernetesClientException("timed out", new SocketTimeoutException("read timed out"))).reason())
                .isEqualTo(Reason.TIMEOUT);
        assertThat(KubernetesFailures.of("x", new KubernetesClientException("timed out", new TimeoutException())).reason()).isEqualTo(Reason.TIMEOUT);
        PortFailure refused = KubernetesFailures.of("reading FlinkDeployment a/b", new KubernetesClientException("Operation: [get] failed",
                new ConnectException("Connection refused")));
        assertThat(refused.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(refused.message()).isEqualTo("reading FlinkDeployment a/b: Operation: [get] failed (Connection refused)");
    }

    @Test
    void a_call_that_throws_becomes_a_value_and_one_that_returns_passes_through() {
        assertThat(KubernetesFailures.call("x", () -> 7).get()).isEqualTo(7);
        assertThat(KubernetesFailures.call("x", () -> {
            throw new KubernetesClientException("gone", 404, new StatusBuilder().withCode(404).withMessage("not found").build());
        }).getLeft().reason()).isEqualTo(Reason.NOT_FOUND);
    }
}
