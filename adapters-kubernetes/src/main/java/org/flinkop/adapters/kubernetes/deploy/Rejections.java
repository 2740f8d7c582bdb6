package org.flinkop.adapters.kubernetes.deploy;

import io.vavr.control.Either;
import org.flinkop.ports.PortFailure;

/** Input a cluster cannot be generated from, as a {@code REJECTED} failure naming the field and what it takes. */
final class Rejections {

    private Rejections() {
    }

    static PortFailure of(String field, String problem, String allowed) {
        return PortFailure.of(PortFailure.Reason.REJECTED, field + ": " + problem + "; allowed: " + allowed);
    }

    static <T> Either<PortFailure, T> reject(String field, String problem, String allowed) {
        return Either.left(of(field, problem, allowed));
    }
}
