package org.flinkop.testkit.bench;

import io.vavr.control.Either;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.ports.artifact.Artifact;
import org.flinkop.ports.loop.ControlLoop;
import org.flinkop.ports.loop.Scheduler;
import org.flinkop.ports.reconcile.Reconciler;
import org.flinkop.testkit.flink.FakeFlink;
import org.flinkop.testkit.store.FakeResourceStore;
import org.flinkop.testkit.time.ManualClock;

/**
 * The control loop with N application FlinkDeployments on the testkit's fakes: how many passes per second it
 * runs once they are all stable (each pass observes the cluster, the job and its checkpoint, and decides), and
 * how much heap each managed resource costs. Run with {@code scripts/bench-loop.sh [N]}.
 */
public final class LoopBenchmark {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        long baseline = usedHeapAfterGc();

        ManualClock clock = new ManualClock(Instant.parse("2026-11-01T10:00:00Z"));
        FakeResourceStore store = new FakeResourceStore(clock);
        FakeFlink flink = new FakeFlink(clock, true, new FakeFlink.Latencies(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO));
        var reconciler = new java.util.concurrent.atomic.AtomicReference<>(new Reconciler(new Reconciler.Ports(store, flink, flink,
                uri -> Either.right(new Artifact("/a", "0", 1)), clock, OperatorSettings.defaults())));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong passes = new AtomicLong();
        Scheduler scheduler = new Scheduler() {
            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                // the benchmark triggers rounds itself; requeues after a decision's delay are not needed here
                return () -> { };
            }

            @Override
            public void execute(Runnable task) {
                pool.execute(task);
            }
        };
        ControlLoop loop = new ControlLoop(key -> {
            passes.incrementAndGet();
            return reconciler.get().reconcile(key);
        }, store, scheduler, new ControlLoop.Settings(threads, Duration.ofSeconds(1), Duration.ofMinutes(5)));

        for (int i = 0; i < n; i++) {
            store.apply(resource("job-" + i));
        }
        loop.start();
        // bring every resource to STABLE: passes while the fake clock moves
        for (int round = 0; round < 10 && stable(store) < n; round++) {
            awaitIdle(loop);
            clock.advance(Duration.ofSeconds(2));
            store.list(ResourceKind.FLINK_DEPLOYMENT).forEach(r -> loop.trigger(ResourceKey.of(r)));
        }
        awaitIdle(loop);
        System.out.printf("%d resources, %d stable, %d passes to get there%n", n, stable(store), passes.get());

        long measured = 0;
        long start = System.nanoTime();
        int rounds = 0;
        while (System.nanoTime() - start < 10_000_000_000L) {
            long before = passes.get();
            store.list(ResourceKind.FLINK_DEPLOYMENT).forEach(r -> loop.trigger(ResourceKey.of(r)));
            awaitIdle(loop);
            measured += passes.get() - before;
            rounds++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("steady passes: %.0f per second (%d passes in %.1f s, %d rounds over all resources, %d threads)%n",
                measured / seconds, measured, seconds, rounds, threads);

        long withWorld = usedHeapAfterGc();
        loop.stop(Duration.ofSeconds(10));
        pool.shutdown();
        System.out.printf("heap with the fake Flink world: %.1f KiB per resource%n", (withWorld - baseline) / 1024.0 / n);
        // what the operator itself keeps is the store (its cache of resources and statuses) and the loop's entries
        flink = null;
        reconciler.set(null);
        long operatorOnly = usedHeapAfterGc();
        System.out.printf("heap per managed resource (store and loop, without the fake Flink world): %.1f KiB%n", (operatorOnly - baseline) / 1024.0 / n);
        System.out.printf("(%d resources still held in the store)%n", store.list(ResourceKind.FLINK_DEPLOYMENT).size());
    }

    private static FlinkDeployment resource(String name) {
        Map<String, Object> doc = Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkDeployment", "metadata", Map.of("name", name, "namespace", "bench"),
                "spec", Map.of("flinkVersion", "v1_20",
                        "flinkConfiguration", Map.of("execution.checkpointing.interval", "10s", "state.checkpoints.dir", "file:///cp", "state.savepoints.dir", "file:///sp"),
                        "jobManager", Map.of("resource", Map.of("memory", "1g", "cpu", 1)),
                        "taskManager", Map.of("resource", Map.of("memory", "1g", "cpu", 1)),
                        "job", Map.of("jarURI", "local:///opt/flink/job.jar", "parallelism", 2, "upgradeMode", "savepoint")));
        return (FlinkDeployment) ResourceBinding.decode(doc).resource().get();
    }

    private static long stable(FakeResourceStore store) {
        return store.list(ResourceKind.FLINK_DEPLOYMENT).count(r -> ((FlinkDeployment) r).status() != null
                && ((FlinkDeployment) r).status().lifecycleState() == ResourceLifecycleState.STABLE);
    }

    private static void awaitIdle(ControlLoop loop) throws InterruptedException {
        long last = -1;
        while (true) {
            long now = loop.passes();
            if (loop.queueDepth() == 0 && now == last) {
                return;
            }
            last = now;
            Thread.sleep(20);
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }
}
