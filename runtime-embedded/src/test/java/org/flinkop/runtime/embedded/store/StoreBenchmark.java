package org.flinkop.runtime.embedded.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;

/**
 * The file store with N FlinkDeployments (default 1000 and 10000): status writes per second, each durable before
 * it returns (one writer, then several writing different resources), and how long opening the store takes, which
 * reads every resource back (the files are in the page cache, as after a process restart). Run with
 * {@code scripts/bench-store.sh [N...]}; the folders go to {@code runtime-embedded/target/store-bench}.
 */
public final class StoreBenchmark {

    private static final Clock CLOCK = Clock.fixed(StoreFixtures.T0, ZoneOffset.UTC);
    private static final long MEASURE_NANOS = 10_000_000_000L;
    private static final int WRITERS = 8;

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args) {
            sizes.add(Integer.parseInt(arg));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(1_000, 10_000);
        }
        for (int n : sizes) {
            run(n);
        }
    }

    private static void run(int n) throws Exception {
        Path folder = Path.of("target", "store-bench", "n" + n).toAbsolutePath();
        StoreFixtures.deleteRecursively(folder);
        List<ResourceKey> keys = new ArrayList<>();
        try (FileResourceStore store = FileResourceStore.open(folder, CLOCK).get()) {
            long start = System.nanoTime();
            forEachInParallel(n, i -> {
                FlinkDeployment created = (FlinkDeployment) store.apply(StoreFixtures.deployment("bench", "job-" + i, 2)).get();
                store.writeStatus(created.withStatus(StoreFixtures.upgradingStatus(created, 1))).get();
            });
            System.out.printf("%d resources: created with a status in %.1f s (%d writers)%n", n, seconds(System.nanoTime() - start), WRITERS);
            store.list(ResourceKind.FLINK_DEPLOYMENT).forEach(r -> keys.add(ResourceKey.of(r)));
            for (int writers : new int[] {1, WRITERS}) {
                double rate = statusWrites(store, keys, writers);
                System.out.printf("%d resources: %.0f status writes/s with %d writer(s), each on disk before it returns%n", n, rate, writers);
            }
        }
        for (int attempt = 1; attempt <= 3; attempt++) {
            long start = System.nanoTime();
            try (FileResourceStore reopened = FileResourceStore.open(folder, CLOCK).get()) {
                long elapsed = System.nanoTime() - start;
                if (reopened.recovery().resources() != n || !reopened.recovery().isClean()) {
                    throw new AssertionError(String.join("\n", reopened.recovery().describe()));
                }
                System.out.printf("%d resources: open (reading every resource back) %.0f ms, run %d%n", n, elapsed / 1e6, attempt);
            }
        }
    }

    /** Writes the status of the resources round robin for the measuring time; writes per second. */
    private static double statusWrites(FileResourceStore store, List<ResourceKey> keys, int writers) throws Exception {
        AtomicLong written = new AtomicLong();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int first = w;
                running.add(pool.submit(() -> {
                    // each writer has its own resources, as the control loop never works on one resource twice at a time
                    for (int i = first; System.nanoTime() - start < MEASURE_NANOS; i = (i + writers) % keys.size()) {
                        FlinkDeployment current = (FlinkDeployment) store.get(keys.get(i)).get();
                        long next = current.status().observedGeneration() + 1;
                        store.writeStatus(current.withStatus(StoreFixtures.upgradingStatus(current, next))).get();
                        written.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return written.get() / seconds(System.nanoTime() - start);
    }

    private interface Step {
        void run(int i) throws Exception;
    }

    private static void forEachInParallel(int n, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int first = w;
                running.add(pool.submit(() -> {
                    for (int i = first; i < n; i += WRITERS) {
                        step.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
