package org.flinkop.runtime.operator.lifecycle;

import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.flinkop.ports.Done;
import org.flinkop.runtime.operator.logging.OperatorLog;

/**
 * Starts the operator's parts in order (endpoints, client, store, loop) and stops them in the reverse order. Ready
 * once every part started; not ready from the moment it is asked to stop. A part that fails to start stops the
 * ones already started. Thread-safe; {@link #stop} is idempotent and may come from a signal handler.
 */
public final class OperatorRuntime {

    private final List<Lifecycle> parts;
    private final Duration shutdownTimeout;
    private final OperatorLog log;
    private final Deque<Lifecycle> started = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean ready;
    private volatile String failure;
    private boolean stopping;

    public OperatorRuntime(List<Lifecycle> parts, Duration shutdownTimeout, OperatorLog log) {
        this.parts = List.copyOf(parts);
        this.shutdownTimeout = shutdownTimeout;
        this.log = log;
    }

    public Either<String, Done> start() {
        synchronized (this) {
            if (stopping) {
                return Either.left("the operator is stopping");
            }
            for (Lifecycle part : parts) {
                Either<String, Done> result = part.start();
                if (result.isLeft()) {
                    log.error("could not start", OperatorLog.fields("part", part.name(), "error", result.getLeft()), null);
                    stopStarted();
                    stopping = true;
                    stopped.countDown();
                    return Either.left(part.name() + ": " + result.getLeft());
                }
                started.push(part);
            }
            ready = true;
        }
        log.info("operator started", OperatorLog.fields());
        return Either.right(Done.DONE);
    }

    /** The parts, in start order. */
    public List<Lifecycle> parts() {
        return parts;
    }

    public boolean ready() {
        return ready;
    }

    /** Stops taking work, lets passes in flight finish within the shutdown timeout, then closes the store and the clients. */
    public void stop() {
        synchronized (this) {
            ready = false;
            if (stopping) {
                return;
            }
            stopping = true;
            log.info("operator stopping", OperatorLog.fields("timeout_s", shutdownTimeout.toSeconds()));
            stopStarted();
        }
        log.info("operator stopped", OperatorLog.fields());
        stopped.countDown();
    }

    /** Stops as {@link #stop} does because the operator cannot go on (it lost the leader Lease); {@link #failure} says why. */
    public void fail(String reason) {
        failure = reason;
        stop();
    }

    /** Why the operator was stopped by {@link #fail}; empty when it was stopped normally or runs. */
    public java.util.Optional<String> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    /** Waits until the operator has stopped (by {@link #stop}, or because it could not start). */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    private void stopStarted() {
        while (!started.isEmpty()) {
            Lifecycle part = started.pop();
            try {
                part.stop(shutdownTimeout);
            } catch (RuntimeException e) {
                log.error("could not stop cleanly", OperatorLog.fields("part", part.name()), e);
            }
        }
    }
}
