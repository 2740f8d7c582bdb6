package org.flinkop.runtime.embedded.loop;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flinkop.ports.loop.Scheduler;

/**
 * The control loop's scheduler on real threads: one timer thread that only hands tasks over, and a pool of
 * {@code workers} daemon threads that run them. A task that throws does not stop the scheduler.
 */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {

    private final ScheduledExecutorService timer;
    private final ExecutorService workers;

    public ExecutorScheduler(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(daemons("flinkop-timer"));
        this.workers = Executors.newFixedThreadPool(workers, daemons("flinkop-worker"));
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> future = timer.schedule(() -> execute(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void execute(Runnable task) {
        if (!workers.isShutdown()) {
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
    }

    /** Stops both pools; tasks in flight are interrupted after {@code grace}. */
    public void close(Duration grace) throws InterruptedException {
        timer.shutdownNow();
        workers.shutdown();
        if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            workers.shutdownNow();
        }
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(10));
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
