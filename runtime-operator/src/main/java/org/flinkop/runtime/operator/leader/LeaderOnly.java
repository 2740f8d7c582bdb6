package org.flinkop.runtime.operator.leader;

import io.vavr.control.Either;
import java.util.function.Supplier;
import org.flinkop.ports.PortFailure;

/**
 * The check every effectful port call of a pass goes through when operators elect a leader: the call is made only
 * while this operator leads, otherwise it fails as {@code UNAVAILABLE} without reaching anything. The check is made
 * just before each call, so a pass that was running when leadership ended does nothing more: no cluster or job
 * action, no status, finalizer or event.
 */
final class LeaderOnly {

    private final Leadership leadership;

    LeaderOnly(Leadership leadership) {
        this.leadership = leadership;
    }

    static PortFailure notLeading() {
        return PortFailure.of(PortFailure.Reason.UNAVAILABLE, "this operator does not hold the leader Lease; the leader acts");
    }

    boolean acting() {
        return leadership.acting();
    }

    <T> Either<PortFailure, T> call(Supplier<Either<PortFailure, T>> action) {
        return leadership.acting() ? action.get() : Either.left(notLeading());
    }
}
