package org.flinkop.runtime.embedded.store;

import java.nio.charset.StandardCharsets;
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
 * reads every resource back: in a freshly started JVM, as after a restart, and in a warm one (the files are in the
 * page cache in both). Run with
 * {@code scripts/bench-store.sh [N...]}; the folders go to {@code runtime-embedded/target/store-bench}.
 */
public final class StoreBenchmark {

    private static final Clock CLOCK = Clock.fixed(StoreFixtures.T0, ZoneOffset.UTC);
    private static final long MEASURE_NANOS = 10_000_000_000L;
    private static final int WRITERS = 8;

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--open")) {
            Opened opened = openOnce(Path.of(args[1]));
            System.out.println(opened.millis() + " " + opened.resources());
            return;
        }
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
            Opened opened = openInNewProcess(folder);
            System.out.printf("%d resources: open (reading every resource back) in a new process: %.0f ms%n", n, check(opened, n).millis());
        }
        for (int attempt = 1; attempt <= 3; attempt++) {
            System.out.printf("%d resources: open (reading every resource back) in this process: %.0f ms%n", n, check(openOnce(folder), n).millis());
        }
    }

    private record Opened(double millis, int resources) {
    }

    private static Opened check(Opened opened, int n) {
        if (opened.resources() != n) {
            throw new AssertionError("opened " + opened.resources() + " resources, not " + n);
        }
        return opened;
    }

    /** Opens the store, which must read every file back. */
    private static Opened openOnce(Path folder) {
        long start = System.nanoTime();
        try (FileResourceStore reopened = FileResourceStore.open(folder, CLOCK).get()) {
            Opened opened = new Opened((System.nanoTime() - start) / 1e6, reopened.recovery().resources());
            if (!reopened.recovery().isClean()) {
                throw new AssertionError(String.join("\n", reopened.recovery().describe()));
            }
            return opened;
        }
    }

    /** The time a freshly started JVM takes to open the store, as after a restart (the JVM's own start not counted). */
    private static Opened openInNewProcess(Path folder) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                StoreBenchmark.class.getName(), "--open", folder.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (child.waitFor() != 0) {
                throw new AssertionError("opening in a new process failed: " + out);
            }
            String[] words = out.split(" ");
            return new Opened(Double.parseDouble(words[0]), Integer.parseInt(words[1]));
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
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
