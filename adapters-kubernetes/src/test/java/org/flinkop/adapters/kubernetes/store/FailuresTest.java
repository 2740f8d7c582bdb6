package org.flinkop.adapters.kubernetes.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.PortFailure.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @ParameterizedTest(name = "HTTP {0} is {1}")
    @CsvSource({
            "404, NOT_FOUND",
            "409, CONFLICT",
            "410, CONFLICT",
            "401, FORBIDDEN",
            "403, FORBIDDEN",
            "400, REJECTED",
            "422, REJECTED",
            "415, REJECTED",
            "408, TIMEOUT",
            "504, TIMEOUT",
            "429, UNAVAILABLE",
            "500, UNAVAILABLE",
            "503, UNAVAILABLE"})
    void an_answer_of_the_api_server_is_named_by_its_http_status(int code, Reason reason) {
        Status status = new StatusBuilder().withCode(code).withMessage("the API server says " + code).build();

        PortFailure failure = Failures.of(new KubernetesClientException(status));

        assertThat(failure).isEqualTo(PortFailure.of(reason, "the API server says " + code));
    }

    @Test
    void without_a_message_from_the_api_server_the_clients_own_is_kept() {
        PortFailure failure = Failures.of(new KubernetesClientException("Failure executing: GET at: https://127.0.0.1/x", 404, null));

        assertThat(failure).isEqualTo(PortFailure.of(Reason.NOT_FOUND, "Failure executing: GET at: https://127.0.0.1/x"));
    }

    @Test
    void a_request_that_times_out_is_a_timeout() {
        KubernetesClientException thrown = new KubernetesClientException("An error has occurred.", new SocketTimeoutException("timeout"));

        PortFailure failure = Failures.of(thrown);

        assertThat(failure.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(failure.message()).contains("SocketTimeoutException: timeout");
    }

    @Test
    void a_refused_connection_is_unavailable_and_says_so() {
        KubernetesClientException thrown = new KubernetesClientException("An error has occurred.",
                new IOException("cannot connect", new ConnectException("Connection refused: /127.0.0.1:6443")));

        PortFailure failure = Failures.of(thrown);

        assertThat(failure.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(failure.message()).contains("Connection refused: /127.0.0.1:6443");
    }

    @Test
    void a_call_that_throws_returns_the_failure_and_one_that_answers_returns_the_answer() {
        assertThat(Failures.call(() -> {
            throw new KubernetesClientException(new StatusBuilder().withCode(409).withMessage("the object has been modified").build());
        }).getLeft()).isEqualTo(PortFailure.of(Reason.CONFLICT, "the object has been modified"));
        assertThat(Failures.call(() -> "answer").get()).isEqualTo("answer");
    }
}
