package org.flinkop.adapters.flink.rest;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.concurrent.TimeoutException;
import org.apache.flink.runtime.rest.util.RestClientException;
import org.apache.flink.util.ExceptionUtils;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.PortFailure.Reason;

/**
 * A failed REST call: the port failure it is, and the HTTP status Flink answered with ({@code 0}: no answer). No
 * answer in time is {@code TIMEOUT}; no connection, or 503, is {@code UNAVAILABLE}; 404 is {@code NOT_FOUND}; any
 * other answer of Flink's is {@code REJECTED} with Flink's text.
 */
record RestFailure(PortFailure failure, int status) {

    /** Flink answers with whole server-side stack traces; a status needs the start of it. */
    static final int MAX_MESSAGE = 2000;

    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+(at |\\.\\.\\. \\d+ more).*(\\R|$)");

    /** How Flink's client begins its text when the answer was not Flink's REST API (a proxy, another server). */
    private static final String NOT_FLINK = "Response was ";

    static final int NOT_FOUND = 404;
    static final int CONFLICT = 409;
    private static final int SERVICE_UNAVAILABLE = 503;

    static RestFailure timeout(URI cluster, Duration after) {
        return new RestFailure(PortFailure.of(Reason.TIMEOUT, "no answer from " + cluster + " within " + after.toMillis() + " ms"), 0);
    }

    static RestFailure rejected(String message) {
        return new RestFailure(PortFailure.of(Reason.REJECTED, clip(message)), 0);
    }

    static RestFailure of(URI cluster, Throwable thrown) {
        Optional<RestClientException> answer = ExceptionUtils.findThrowable(thrown, RestClientException.class);
        if (answer.isPresent() && answer.get().getMessage() != null && answer.get().getMessage().startsWith(NOT_FLINK)) {
            return new RestFailure(PortFailure.of(Reason.UNAVAILABLE, clip(cluster + " (HTTP " + answer.get().getHttpResponseStatus().code() + "): " + answer.get().getMessage())), 0);
        }
        if (answer.isPresent()) {
            return answered(answer.get().getHttpResponseStatus().code(), answer.get().getMessage());
        }
        Throwable cause = ExceptionUtils.stripCompletionException(thrown);
        String message = clip(cluster + ": " + (cause.getMessage() == null ? cause.getClass().getName() : cause.getClass().getSimpleName() + ": " + cause.getMessage()));
        if (ExceptionUtils.findThrowable(thrown, TimeoutException.class).isPresent()) {
            return new RestFailure(PortFailure.of(Reason.TIMEOUT, message), 0);
        }
        return new RestFailure(PortFailure.of(Reason.UNAVAILABLE, message), 0);
    }

    static RestFailure answered(int status, String message) {
        Reason reason = switch (status) {
            case NOT_FOUND -> Reason.NOT_FOUND;
            case SERVICE_UNAVAILABLE -> Reason.UNAVAILABLE;
            default -> Reason.REJECTED;
        };
        return new RestFailure(PortFailure.of(reason, clip(message)), status);
    }

    /** The cluster could not be reached (no HTTP answer, not a timeout): worth sending again. */
    boolean unreachable() {
        return status == 0 && failure.reason() == Reason.UNAVAILABLE;
    }

    boolean is(int httpStatus) {
        return status == httpStatus;
    }

    /** Flink's text without stack frames (the exception lines and their causes stay), at most {@link #MAX_MESSAGE} long. */
    static String clip(String text) {
        String message = text == null ? "" : STACK_FRAME.matcher(text).replaceAll("");
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "...";
    }
}
