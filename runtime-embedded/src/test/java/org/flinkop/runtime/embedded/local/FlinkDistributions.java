package org.flinkop.runtime.embedded.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Flink jars for integration tests, resolved (once, cached outside the work tree) by scripts/flink-classpath.sh. */
final class FlinkDistributions {

    private FlinkDistributions() {
    }

    static String classpath(String version) throws IOException, InterruptedException {
        return Files.readString(classpathFile(version)).trim();
    }

    /** Flink's TopSpeedWindowing streaming example of {@code version}: a job that runs until stopped. */
    static Path exampleJob(String version) throws IOException, InterruptedException {
        return classpathFile(version).resolveSibling("flink-examples-streaming-" + version + "-TopSpeedWindowing.jar");
    }

    private static Path classpathFile(String version) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("flinkop.root", ".."));
        Process resolve = new ProcessBuilder("bash", root.resolve("scripts/flink-classpath.sh").toString(), version).redirectErrorStream(true).start();
        String output = new String(resolve.getInputStream().readAllBytes()).trim();
        if (!resolve.waitFor(10, TimeUnit.MINUTES) || resolve.exitValue() != 0) {
            throw new IOException("resolving Flink " + version + " failed: " + output);
        }
        String[] lines = output.split("\n");
        return Path.of(lines[lines.length - 1]);
    }

    /** A fresh directory under the build directory for one cluster. */
    static Path workDir(String name) throws IOException {
        Path base = Path.of(System.getProperty("flinkop.it.dir", "target/it"));
        return Files.createDirectories(base.resolve(name + "-" + System.nanoTime()));
    }

    /** Polls {@code condition} every 100 ms until it holds; fails after {@code timeout}, naming {@code where} to look. */
    static void awaitUntil(java.util.function.BooleanSupplier condition, java.time.Duration timeout, String where) {
        for (long i = 0; i < timeout.toMillis() / 100; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
        if (!condition.getAsBoolean()) {
            throw new AssertionError("not true within " + timeout.toSeconds() + " s; see " + where);
        }
    }
}
