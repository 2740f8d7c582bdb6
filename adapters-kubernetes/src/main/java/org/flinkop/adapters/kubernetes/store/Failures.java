package org.flinkop.adapters.kubernetes.store;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vavr.control.Either;
import java.io.IOException;
import java.util.function.Supplier;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.PortFailure.Reason;

/** Turns what the Kubernetes client throws into a {@link PortFailure}: a reason from the HTTP status, the API server's own message. */
final class Failures {

    private Failures() {
    }

    /** Runs one call to the API server; whatever it throws comes back as a failure value. */
    static <T> Either<PortFailure, T> call(Supplier<T> request) {
        try {
            return Either.right(request.get());
        } catch (RuntimeException e) {
            return Either.left(of(e));
        }
    }

    static PortFailure of(Throwable thrown) {
        KubernetesClientException k8s = find(thrown, KubernetesClientException.class);
        if (k8s != null && k8s.getCode() > 0) {
            return PortFailure.of(reason(k8s.getCode()), message(k8s));
        }
        if (isTimeout(thrown)) {
            return PortFailure.of(Reason.TIMEOUT, "the API server did not answer in time: " + describe(thrown));
        }
        if (find(thrown, IOException.class) != null || k8s != null) {
            return PortFailure.of(Reason.UNAVAILABLE, "the API server cannot be reached: " + describe(thrown));
        }
        return PortFailure.of(Reason.UNAVAILABLE, describe(thrown));
    }

    /** The port's reason for an HTTP status the API server answered with. */
    static Reason reason(int httpStatus) {
        return switch (httpStatus) {
            case 404 -> Reason.NOT_FOUND;
            // 410 Gone: the resourceVersion asked for is older than what the server keeps, another form of "changed meanwhile"
            case 409, 410 -> Reason.CONFLICT;
            case 401, 403 -> Reason.FORBIDDEN;
            case 408, 504 -> Reason.TIMEOUT;
            case 429 -> Reason.UNAVAILABLE;
            default -> httpStatus >= 500 ? Reason.UNAVAILABLE : Reason.REJECTED;
        };
    }

    private static String message(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null && !e.getStatus().getMessage().isBlank()) {
            return e.getStatus().getMessage();
        }
        return e.getMessage() == null ? "HTTP " + e.getCode() : e.getMessage();
    }

    private static boolean isTimeout(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            // java.net.SocketTimeoutException, java.net.http.HttpTimeoutException, java.util.concurrent.TimeoutException and
            // the HTTP clients' own timeout exceptions all say so in their names
            if (t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static <E extends Throwable> E find(Throwable thrown, Class<E> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** The innermost message: the one that says what went wrong rather than what was being done. */
    private static String describe(Throwable thrown) {
        Throwable root = thrown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String outer = thrown.getMessage() == null ? thrown.getClass().getSimpleName() : thrown.getMessage();
        if (root == thrown) {
            return outer;
        }
        String inner = root.getMessage() == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + root.getMessage();
        return outer + " (" + inner + ")";
    }
}
