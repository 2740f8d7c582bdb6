package org.flinkop.ports.loop;

import java.time.Duration;

/**
 * Runs tasks later and runs passes now, for the control loop: a thread pool in the runtimes, a deterministic
 * queue driven by a manual clock in the testkit.
 */
public interface Scheduler {

    /** Runs {@code task} once after {@code delay}, on some thread; the handle cancels it if it has not run. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} as soon as possible, on some thread (the loop bounds how many run at once). */
    void execute(Runnable task);

    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
