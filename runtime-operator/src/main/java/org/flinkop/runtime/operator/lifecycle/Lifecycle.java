package org.flinkop.runtime.operator.lifecycle;

import io.vavr.control.Either;
import java.time.Duration;
import org.flinkop.ports.Done;

/**
 * A part of the operator that starts and stops: the runtime starts its parts in order and stops them in the
 * reverse order. Creating a part does no I/O; {@link #start} does.
 */
public interface Lifecycle {

    /** What the part is called in log lines and in start failures. */
    String name();

    /** Starts the part, or says why it could not; a part that failed to start holds nothing that needs stopping. */
    Either<String, Done> start();

    /** Stops the part, taking at most about {@code grace}; idempotent, and safe on a part that never started. */
    void stop(Duration grace);
}
