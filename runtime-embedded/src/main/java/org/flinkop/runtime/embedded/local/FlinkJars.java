package org.flinkop.runtime.embedded.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.flinkop.domain.resource.FlinkVersion;

/**
 * The jars of a real Flink cluster of a version, from Maven Central (no Flink distribution needed): resolved once
 * with Maven ({@code mvn} on the path) into a cache, then read from there. The cache is the one
 * {@code scripts/flink-classpath.sh} fills, {@code $FLINKOP_CACHE} or {@code ~/.cache/flinkop}, one folder per
 * release, keyed by the pom it was resolved from: a cache resolved from another jar list is resolved again. A spec's {@code flinkVersion} (for example {@code v1_20}) names a minor version; the release run for
 * it is {@link #release}.
 */
public final class FlinkJars implements Function<FlinkVersion, String> {

    private static final String TEMPLATE = "flink-jars.pom";
    private static final Map<FlinkVersion, String> RELEASES = Map.of(FlinkVersion.V1_20, "1.20.0", FlinkVersion.V2_3, "2.3.0");

    private final Path cacheRoot;
    private final Map<String, String> resolved = new ConcurrentHashMap<>();

    public FlinkJars(Path cacheRoot) {
        this.cacheRoot = cacheRoot;
    }

    /** The jars in the shared cache: {@code $FLINKOP_CACHE}, else {@code ~/.cache/flinkop}. */
    public static FlinkJars inSharedCache() {
        String configured = System.getenv("FLINKOP_CACHE");
        return new FlinkJars(configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "flinkop"));
    }

    /** The Flink release run for a minor version: the tested one where there is one, else its first release. */
    public static String release(FlinkVersion version) {
        return RELEASES.getOrDefault(version, version.major() + "." + version.minor() + ".0");
    }

    /** The classpath of {@code version}'s cluster processes; resolves the jars first when they are not cached. */
    @Override
    public String apply(FlinkVersion version) {
        return resolved.computeIfAbsent(release(version), this::classpath);
    }

    private String classpath(String release) {
        Path folder = cacheRoot.resolve("flink-" + release);
        Path file = folder.resolve("classpath.txt");
        try {
            String pom = pom(release);
            if (!complete(folder, pom, file)) {
                resolve(release, pom, folder, file);
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve the jars of Flink " + release + " into " + folder + ": " + e.getMessage(), e);
        }
    }

    private static boolean complete(Path folder, String pom, Path classpathFile) throws IOException {
        Path resolvedFrom = folder.resolve("pom.xml");
        return Files.isRegularFile(resolvedFrom) && Files.readString(resolvedFrom).strip().equals(pom.strip())
                && Files.isRegularFile(classpathFile) && Arrays.stream(Files.readString(classpathFile).trim().split(java.io.File.pathSeparator))
                .allMatch(jar -> !jar.isBlank() && Files.isRegularFile(Path.of(jar)));
    }

    private static String pom(String release) throws IOException {
        try (InputStream template = FlinkJars.class.getResourceAsStream(TEMPLATE)) {
            if (template == null) {
                throw new IOException("the template " + TEMPLATE + " is missing from the classpath");
            }
            return new String(template.readAllBytes(), StandardCharsets.UTF_8).replace("@FLINK_VERSION@", release);
        }
    }

    private static void resolve(String release, String pom, Path folder, Path classpathFile) throws IOException {
        Files.createDirectories(folder);
        // named pom.xml only once resolved, so that the cache's pom always names the jars its classpath holds
        Path resolving = folder.resolve("resolving.pom");
        Files.writeString(resolving, pom);
        Path partial = folder.resolve("classpath.txt.tmp");
        Path log = folder.resolve("resolve.log");
        Process mvn = new ProcessBuilder("mvn", "-B", "-q", "-f", resolving.toString(), "dependency:build-classpath",
                "-Dmdep.outputFile=" + partial).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!mvn.waitFor(15, TimeUnit.MINUTES) || mvn.exitValue() != 0) {
                mvn.destroyForcibly();
                throw new IOException("Maven could not resolve Flink " + release + " from Maven Central; see " + log);
            }
        } catch (InterruptedException e) {
            mvn.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while resolving Flink " + release, e);
        }
        Files.move(partial, classpathFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.move(resolving, folder.resolve("pom.xml"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
