package org.flinkop.adapters.kubernetes.deploy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.flinkop.ports.PortFailure;

/**
 * The edge where the Kubernetes client's exceptions become port failures: the API server's HTTP status picks the
 * reason, its own message is kept, and what was being done is said first.
 */
final class KubernetesFailures {

    private KubernetesFailures() {
    }

    /** Runs one API call; an exception from the client becomes a failure naming {@code what}. */
    static <T> Either<PortFailure, T> call(String what, Supplier<T> call) {
        try {
            return Either.right(call.get());
        } catch (KubernetesClientException e) {
            return Either.left(of(what, e));
        }
    }

    static PortFailure of(String what, KubernetesClientException e) {
        return PortFailure.of(reason(e), what + ": " + message(e));
    }

    static PortFailure.Reason reason(KubernetesClientException e) {
        if (e instanceof KubernetesClientTimeoutException) {
            return PortFailure.Reason.TIMEOUT;
        }
        if (e.getCode() <= 0) {
            return withoutAnswer(e);
        }
        return switch (e.getCode()) {
            case 404, 410 -> PortFailure.Reason.NOT_FOUND;
            case 409 -> PortFailure.Reason.CONFLICT;
            case 401, 403 -> PortFailure.Reason.FORBIDDEN;
            case 400, 405, 413, 415, 422 -> PortFailure.Reason.REJECTED;
            case 408, 504 -> PortFailure.Reason.TIMEOUT;
            default -> PortFailure.Reason.UNAVAILABLE;
        };
    }

    /** No HTTP answer: a timeout when the cause says so, otherwise the API server could not be reached. */
    private static PortFailure.Reason withoutAnswer(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof InterruptedIOException && !(cause instanceof java.nio.channels.ClosedByInterruptException)) {
                return PortFailure.Reason.TIMEOUT;
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException || cause instanceof IOException) {
                return PortFailure.Reason.UNAVAILABLE;
            }
        }
        return PortFailure.Reason.UNAVAILABLE;
    }

    private static String message(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null && !e.getStatus().getMessage().isBlank()) {
            return e.getStatus().getMessage();
        }
        String message = e.getMessage();
        Throwable cause = e.getCause();
        return cause == null || cause.getMessage() == null || message.contains(cause.getMessage()) ? message : message + " (" + cause.getMessage() + ")";
    }
}
