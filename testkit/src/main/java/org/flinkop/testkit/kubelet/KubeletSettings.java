package org.flinkop.testkit.kubelet;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link ProcessKubelet} runs pods.
 *
 * @param nodeName         the Node it registers and binds pods to
 * @param workDir          one directory per pod under it ({@code NAMESPACE/POD}): the pod's volumes, each container's
 *                         configuration, temporary files, log and console output
 * @param flinkCache       the cache {@code scripts/flink-classpath.sh} fills, one {@code flink-RELEASE/classpath.txt}
 *                         per Flink release
 * @param imageDirectories directories of the Flink image (such as {@code /opt/flink/usrlib}) and the host directory
 *                         standing for each: a path under one of them, in a container's configuration or arguments,
 *                         is read as the same path under the host directory; any other path is the host's own path
 */
public record KubeletSettings(String nodeName, Path workDir, Path flinkCache, Map<String, Path> imageDirectories) {

    public KubeletSettings {
        Objects.requireNonNull(nodeName, "nodeName");
        workDir = workDir.toAbsolutePath();
        Objects.requireNonNull(flinkCache, "flinkCache");
        imageDirectories = Map.copyOf(imageDirectories);
    }

    /** A node named {@code nodeName} with pods under {@code workDir}, Flink's jars from the shared cache, no image directories. */
    public static KubeletSettings of(String nodeName, Path workDir) {
        String configured = System.getenv("FLINKOP_CACHE");
        Path cache = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".cache", "flinkop");
        return new KubeletSettings(nodeName, workDir, cache, Map.of());
    }

    /** These settings with {@code imagePath} of the Flink image standing for {@code hostDirectory}. */
    public KubeletSettings withImageDirectory(String imagePath, Path hostDirectory) {
        Map<String, Path> directories = new LinkedHashMap<>(imageDirectories);
        directories.put(imagePath, hostDirectory.toAbsolutePath());
        return new KubeletSettings(nodeName, workDir, flinkCache, directories);
    }
}
