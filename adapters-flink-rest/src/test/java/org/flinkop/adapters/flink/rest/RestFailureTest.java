package org.flinkop.adapters.flink.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.URI;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.apache.flink.runtime.rest.util.RestClientException;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpResponseStatus;
import org.flinkop.ports.PortFailure.Reason;
import org.junit.jupiter.api.Test;

class RestFailureTest {

    private static final URI CLUSTER = URI.create("http://127.0.0.1:8081");

    @Test
    void flink_s_answers_are_not_found_unavailable_or_rejected_with_its_text() {
        assertThat(RestFailure.of(CLUSTER, new RestClientException("[Job could not be found.]", HttpResponseStatus.NOT_FOUND)).failure().reason())
                .isEqualTo(Reason.NOT_FOUND);
        assertThat(RestFailure.of(CLUSTER, new RestClientException("[leader not ready]", HttpResponseStatus.SERVICE_UNAVAILABLE)).failure().reason())
                .isEqualTo(Reason.UNAVAILABLE);
        RestFailure rejected = RestFailure.of(CLUSTER, new CompletionException(new RestClientException("[Could not execute application.]", HttpResponseStatus.BAD_REQUEST)));
        assertThat(rejected.failure().reason()).isEqualTo(Reason.REJECTED);
        assertThat(rejected.failure().message()).isEqualTo("[Could not execute application.]");
        assertThat(rejected.is(400)).isTrue();
    }

    @Test
    void an_answer_that_is_not_flink_s_is_unavailable_not_a_missing_job() {
        RestFailure failure = RestFailure.of(CLUSTER, new RestClientException(
                "Response was neither of the expected type([simple type, class MultipleJobsDetails]) nor an error.", HttpResponseStatus.NOT_FOUND));

        assertThat(failure.failure().reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(failure.is(RestFailure.NOT_FOUND)).isFalse();
    }

    @Test
    void no_connection_is_unavailable_and_worth_a_retry_and_no_answer_is_a_timeout() {
        RestFailure refused = RestFailure.of(CLUSTER, new CompletionException(new ConnectException("Connection refused")));

        assertThat(refused.failure().reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(refused.unreachable()).isTrue();
        assertThat(RestFailure.of(CLUSTER, new TimeoutException("idle")).failure().reason()).isEqualTo(Reason.TIMEOUT);
    }

    @Test
    void stack_frames_are_left_out_and_long_texts_clipped() {
        String trace = "[org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute application.\n"
                + "\tat org.apache.flink.runtime.webmonitor.handlers.JarRunHandler.lambda$handleRequest$1(JarRunHandler.java:114)\n"
                + "\t... 7 more\n"
                + "Caused by: org.apache.flink.runtime.client.DuplicateJobSubmissionException: Job has already been submitted.\n"
                + "\tat org.apache.flink.runtime.client.DuplicateJobSubmissionException.of(DuplicateJobSubmissionException.java:31)\n]";

        assertThat(RestFailure.clip(trace)).isEqualTo("[org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute application.\n"
                + "Caused by: org.apache.flink.runtime.client.DuplicateJobSubmissionException: Job has already been submitted.\n]");
        assertThat(RestFailure.clip("x".repeat(5000))).hasSize(RestFailure.MAX_MESSAGE + 3);
    }
}
