package org.flinkop.runtime.operator.loop;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongUnaryOperator;
import org.flinkop.ports.loop.Scheduler;

/**
 * The control loop's scheduler on real threads: one timer thread that only hands tasks over, and a fixed pool of
 * {@code workers} daemon threads that run passes. A delayed task waits its delay plus up to {@code jitter} of it
 * more, at random, so that resources created together spread out over time instead of being looked at again all
 * at once. A task that throws does not stop a worker.
 */
public final class PoolScheduler implements Scheduler {

    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final LongUnaryOperator spread;
    private volatile Thread timerThread;

    /** @param jitter the share of each delay added at random, from 0 (none) to 0.5 */
    public PoolScheduler(int workers, double jitter) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers: " + workers + " (allowed: 1 or more)");
        }
        if (jitter < 0 || jitter > 0.5) {
            throw new IllegalArgumentException("jitter: " + jitter + " (allowed: 0 to 0.5)");
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = daemon(r, "flinkop-timer");
            timerThread = thread;
            return thread;
        });
        this.workers = Executors.newFixedThreadPool(workers, numbered("flinkop-reconcile"));
        this.spread = jitter == 0 ? nanos -> nanos : nanos -> nanos + (long) (ThreadLocalRandom.current().nextDouble() * jitter * nanos);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        if (timer.isShutdown()) {
            return () -> { };
        }
        ScheduledFuture<?> future = timer.schedule(() -> execute(task), spread.applyAsLong(Math.max(0, delay.toNanos())), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void execute(Runnable task) {
        if (workers.isShutdown()) {
            return;
        }
        workers.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // the loop reports failures of its own passes; anything else must not kill a worker silently
                Thread t = Thread.currentThread();
                t.getUncaughtExceptionHandler().uncaughtException(t, e);
            }
        });
    }

    /**
     * Whether the threads that run the loop are there: the pools are not shut down and the timer thread (once
     * started) is alive. What the liveness probe reports.
     */
    public boolean alive() {
        Thread timerNow = timerThread;
        return !timer.isShutdown() && !workers.isShutdown() && (timerNow == null || timerNow.isAlive());
    }

    /** Stops the timer, lets the workers finish what they run for up to {@code grace}, then interrupts them. */
    public void close(Duration grace) throws InterruptedException {
        timer.shutdownNow();
        workers.shutdown();
        if (!workers.awaitTermination(Math.max(1, grace.toMillis()), TimeUnit.MILLISECONDS)) {
            workers.shutdownNow();
        }
    }

    private static ThreadFactory numbered(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> daemon(r, name + "-" + count.incrementAndGet());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }
}
