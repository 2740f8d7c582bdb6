package org.flinkop.testkit.loop;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;
import org.flinkop.ports.loop.Scheduler;
import org.flinkop.testkit.time.ManualClock;

/**
 * A scheduler that runs nothing by itself: tasks to execute wait in a queue until {@link #runReady()}, and
 * delayed tasks until the manual clock reaches them ({@link #advance}). Same inputs, same order, every run.
 */
public final class DeterministicScheduler implements Scheduler {

    private final ManualClock clock;
    private final ArrayDeque<Runnable> readyTasks = new ArrayDeque<>();
    private final PriorityQueue<Timed> timers = new PriorityQueue<>(Comparator.comparing(Timed::at).thenComparingLong(Timed::order));
    private long order;

    public DeterministicScheduler(ManualClock clock) {
        this.clock = clock;
    }

    private record Timed(Instant at, long order, Runnable task, boolean[] cancelled) {
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        timers.add(new Timed(clock.instant().plus(delay), order++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    @Override
    public synchronized void execute(Runnable task) {
        readyTasks.add(task);
    }

    /** Runs every task ready now, including those the running ones make ready; returns how many ran. */
    public int runReady() {
        int ran = 0;
        while (true) {
            Runnable next;
            synchronized (this) {
                next = readyTasks.poll();
            }
            if (next == null) {
                return ran;
            }
            next.run();
            ran++;
        }
    }

    /** Moves the clock forward by {@code by}, firing each timer at its time and running what becomes ready. */
    public void advance(Duration by) {
        Instant until = clock.instant().plus(by);
        while (true) {
            Timed next;
            synchronized (this) {
                next = timers.peek();
                if (next == null || next.at().isAfter(until)) {
                    break;
                }
                timers.poll();
            }
            if (next.at().isAfter(clock.instant())) {
                clock.set(next.at());
            }
            if (!next.cancelled()[0]) {
                next.task().run();
            }
            runReady();
        }
        clock.set(until);
        runReady();
    }

    /** The delays of the timers waiting now, from the current time, soonest first. */
    public synchronized java.util.List<Duration> pendingDelays() {
        return timers.stream().filter(t -> !t.cancelled()[0]).sorted(Comparator.comparing(Timed::at).thenComparingLong(Timed::order))
                .map(t -> Duration.between(clock.instant(), t.at())).toList();
    }
}
