package org.flinkop.ports.reconcile;

import io.vavr.control.Option;
import java.time.Duration;
import org.flinkop.ports.PortFailure;

/**
 * How a pass ended: look again after the decision's delay, or a failure (which step, and the port's failure),
 * which the control loop retries with backoff.
 */
public record PassOutcome(Option<Duration> lookAgainAfter, Option<String> failedStep, Option<PortFailure> failure) {

    public static PassOutcome lookAgain(Duration after) {
        return new PassOutcome(Option.of(after), Option.none(), Option.none());
    }

    /** The resource is gone: nothing more to do for it. */
    public static PassOutcome gone() {
        return new PassOutcome(Option.none(), Option.none(), Option.none());
    }

    public static PassOutcome failed(String step, PortFailure failure) {
        return new PassOutcome(Option.none(), Option.of(step), Option.of(failure));
    }

    public boolean isFailure() {
        return failure.isDefined();
    }
}
