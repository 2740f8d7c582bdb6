package org.flinkop.testkit.kubelet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which Flink a container runs, and that release's jars. The release comes from the pod annotation
 * {@value #RELEASE_ANNOTATION} when set, else from the image's tag ({@code flink:1.20}, {@code flink:1.20.0-java17}); a
 * tag without a patch version runs the newest release of that minor version found in the cache.
 */
final class FlinkReleases {

    static final String RELEASE_ANNOTATION = "process-kubelet.flinkop.org/flink-release";
    private static final Pattern TAG_VERSION = Pattern.compile("^v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    private final Path cache;

    FlinkReleases(Path cache) {
        this.cache = cache;
    }

    /** The classpath of the release the image (or the annotation) names; a message saying what is missing otherwise. */
    Result classpath(String image, Map<String, String> annotations) {
        String wanted = annotations == null ? null : annotations.get(RELEASE_ANNOTATION);
        if (wanted == null) {
            String tag = image == null || image.lastIndexOf(':') <= image.lastIndexOf('/') ? "" : image.substring(image.lastIndexOf(':') + 1);
            Matcher version = TAG_VERSION.matcher(tag);
            if (!version.find()) {
                return Result.failed("image '" + image + "' has no Flink version in its tag; set the pod annotation " + RELEASE_ANNOTATION);
            }
            wanted = version.group(1) + "." + version.group(2) + (version.group(3) == null ? "" : "." + version.group(3));
        }
        Optional<Path> folder = folder(wanted);
        if (folder.isEmpty()) {
            return Result.failed("no jars of Flink " + wanted + " in " + cache + "; run scripts/flink-classpath.sh " + (wanted.chars().filter(c -> c == '.').count() == 1
                    ? wanted + ".0" : wanted));
        }
        try {
            return new Result(Files.readString(folder.get().resolve("classpath.txt")).trim(), null);
        } catch (IOException e) {
            return Result.failed("cannot read " + folder.get().resolve("classpath.txt") + ": " + e.getMessage());
        }
    }

    private Optional<Path> folder(String release) {
        Path exact = cache.resolve("flink-" + release);
        if (Files.isRegularFile(exact.resolve("classpath.txt"))) {
            return Optional.of(exact);
        }
        if (!Files.isDirectory(cache)) {
            return Optional.empty();
        }
        try (Stream<Path> folders = Files.list(cache)) {
            return folders.filter(f -> f.getFileName().toString().startsWith("flink-" + release + "."))
                    .filter(f -> Files.isRegularFile(f.resolve("classpath.txt")))
                    .max(Comparator.comparing(f -> f.getFileName().toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A classpath, or why there is none. */
    record Result(String classpath, String failure) {
        static Result failed(String failure) {
            return new Result(null, failure);
        }
    }
}
