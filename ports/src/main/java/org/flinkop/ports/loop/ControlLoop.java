package org.flinkop.ports.loop;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.reconcile.PassOutcome;
import org.flinkop.ports.store.ResourceStore;

/**
 * The one control loop every runtime shares: a work queue keyed by resource. At most one pass per resource
 * runs at a time; triggers for a resource already queued are folded into one pass, and triggers while it runs
 * into one more pass after it; a failed pass is retried with exponential backoff up to a cap; a successful one
 * is looked at again after the decision's delay; at most {@code parallelism} passes run at once. Fed by the
 * store's change notifications. Thread-safe.
 */
public final class ControlLoop {

    /**
     * @param parallelism  how many passes may run at once
     * @param firstBackoff the wait after a first failure; it doubles per consecutive failure
     * @param maxBackoff   the longest wait after failures
     */
    public record Settings(int parallelism, Duration firstBackoff, Duration maxBackoff) {

        public static Settings defaults() {
            return new Settings(8, Duration.ofSeconds(1), Duration.ofMinutes(5));
        }
    }

    private final Function<ResourceKey, PassOutcome> pass;
    private final ResourceStore store;
    private final Scheduler scheduler;
    private final Settings settings;
    private final ArrayDeque<ResourceKey> ready = new ArrayDeque<>();
    private final Map<ResourceKey, Entry> entries = new HashMap<>();
    private int running;
    private boolean stopped;
    private AutoCloseable watch;
    private long passes;

    /** The state of one resource in the loop. */
    private static final class Entry {
        boolean queued;
        boolean running;
        boolean triggeredWhileRunning;
        int failures;
        Scheduler.Cancellable timer;
    }

    public ControlLoop(Function<ResourceKey, PassOutcome> pass, ResourceStore store, Scheduler scheduler, Settings settings) {
        this.pass = pass;
        this.store = store;
        this.scheduler = scheduler;
        this.settings = settings;
    }

    /** Starts watching the store and queues every resource it holds. */
    public void start() {
        AutoCloseable subscription = store.watch(this::trigger);
        synchronized (this) {
            watch = subscription;
        }
        for (ResourceKind kind : ResourceKind.values()) {
            store.list(kind).forEach(r -> trigger(ResourceKey.of(r)));
        }
    }

    /** Asks for a pass for {@code key} as soon as possible. */
    public void trigger(ResourceKey key) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            Entry entry = entries.computeIfAbsent(key, k -> new Entry());
            if (entry.running) {
                entry.triggeredWhileRunning = true;
                return;
            }
            if (entry.queued) {
                return;
            }
            enqueue(key, entry);
        }
        dispatch();
    }

    /**
     * Stops taking work: no new passes start, timers are cancelled, and this waits up to {@code grace} for the
     * passes in flight to finish. Returns whether they all did.
     */
    public boolean stop(Duration grace) throws InterruptedException {
        AutoCloseable subscription;
        synchronized (this) {
            stopped = true;
            ready.clear();
            entries.values().forEach(e -> {
                if (e.timer != null) {
                    e.timer.cancel();
                }
            });
            subscription = watch;
        }
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                // the store's handle failed to close; nothing more can be done about it here
            }
        }
        // waits in steps and counts each step as fully spent, so it never waits longer than the grace (and reads no clock)
        long left = Math.max(1, grace.toMillis());
        synchronized (this) {
            while (running > 0 && left > 0) {
                long step = Math.min(left, 50);
                wait(step);
                left -= step;
            }
            return running == 0;
        }
    }

    /** How many resources wait for a pass now. */
    public synchronized int queueDepth() {
        return ready.size();
    }

    /** How many passes have run so far. */
    public synchronized long passes() {
        return passes;
    }

    private void enqueue(ResourceKey key, Entry entry) {
        if (entry.timer != null) {
            entry.timer.cancel();
            entry.timer = null;
        }
        entry.queued = true;
        ready.add(key);
    }

    private void dispatch() {
        while (true) {
            ResourceKey key;
            synchronized (this) {
                if (stopped || running >= settings.parallelism() || ready.isEmpty()) {
                    return;
                }
                key = ready.poll();
                Entry entry = entries.get(key);
                entry.queued = false;
                entry.running = true;
                running++;
            }
            scheduler.execute(() -> runPass(key));
        }
    }

    private void runPass(ResourceKey key) {
        synchronized (this) {
            // the pass reads the resource now: triggers from before this point are served by it
            entries.get(key).triggeredWhileRunning = false;
        }
        PassOutcome outcome;
        try {
            outcome = pass.apply(key);
        } catch (RuntimeException e) {
            // a bug in a pass must not stop the loop or the other resources: it is a failure like any other
            outcome = PassOutcome.failed("pass for " + key, org.flinkop.ports.PortFailure.of(org.flinkop.ports.PortFailure.Reason.REJECTED, String.valueOf(e)));
        }
        synchronized (this) {
            passes++;
            running--;
            Entry entry = entries.get(key);
            entry.running = false;
            if (!stopped) {
                if (entry.triggeredWhileRunning) {
                    entry.triggeredWhileRunning = false;
                    enqueue(key, entry);
                } else if (outcome.isFailure()) {
                    entry.failures++;
                    entry.timer = scheduler.schedule(backoff(entry.failures), () -> trigger(key));
                } else if (outcome.lookAgainAfter().isDefined()) {
                    entry.failures = 0;
                    entry.timer = scheduler.schedule(outcome.lookAgainAfter().get(), () -> trigger(key));
                } else {
                    entries.remove(key);
                }
            }
            notifyAll();
        }
        dispatch();
    }

    /** The wait after {@code failures} consecutive failures: doubling from the first backoff, never over the cap. */
    Duration backoff(int failures) {
        Duration wait = settings.firstBackoff();
        for (int i = 1; i < failures && wait.compareTo(settings.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }
}
