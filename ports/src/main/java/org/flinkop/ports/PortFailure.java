package org.flinkop.ports;

import java.util.Objects;

/**
 * A driven port's failure, as a value: a named reason and the outside system's own words (the REST error
 * text, the API server's message). Ports return it instead of throwing; only programming errors throw.
 */
public record PortFailure(Reason reason, String message) {

    public PortFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    public enum Reason {
        /** The thing asked about does not exist. */
        NOT_FOUND,
        /** A write lost an optimistic-concurrency race: someone else changed the object first. */
        CONFLICT,
        /** The outside system did not answer in time. */
        TIMEOUT,
        /** The outside system could not be reached, or answered that it cannot serve now. */
        UNAVAILABLE,
        /** The outside system refused the request as it stands (a bad jar, a job that cannot take a savepoint now). */
        REJECTED,
        /** Configuration forbids it (a refused artifact address, a too large artifact). */
        FORBIDDEN
    }

    public static PortFailure of(Reason reason, String message) {
        return new PortFailure(reason, message);
    }

    @Override
    public String toString() {
        return reason + ": " + message;
    }
}
