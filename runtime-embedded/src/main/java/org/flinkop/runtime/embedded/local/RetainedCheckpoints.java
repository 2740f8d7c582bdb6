package org.flinkop.runtime.embedded.local;

import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.stream.Stream;
import org.flinkop.domain.observe.CompletedCheckpoint;

/**
 * Completed checkpoints Flink left in a local checkpoint directory ({@code <dir>/<job id>/chk-<n>/_metadata}; a
 * checkpoint without its {@code _metadata} file did not complete). Without an HA service this is what a job whose
 * JobManager is gone restores from.
 */
final class RetainedCheckpoints {

    private static final String METADATA = "_metadata";

    private RetainedCheckpoints() {
    }

    /** The checkpoint whose metadata was written last, under {@code root}; none when there is none or it cannot be read. */
    static Option<CompletedCheckpoint> newest(Path root) {
        if (!Files.isDirectory(root)) {
            return Option.none();
        }
        try (Stream<Path> jobs = Files.list(root)) {
            return Option.ofOptional(jobs.filter(Files::isDirectory).flatMap(RetainedCheckpoints::completed)
                    .max(Comparator.comparing(RetainedCheckpoints::modified)))
                    .map(metadata -> new CompletedCheckpoint("file:" + metadata.getParent(), modified(metadata).toInstant()));
        } catch (IOException | UncheckedIOException e) {
            // a directory that changes while it is read is read again at the next observation
            return Option.none();
        }
    }

    /** The local directory a {@code file:} checkpoint URI names; none for other file systems. */
    static Option<Path> localDirectory(String checkpointDir) {
        String trimmed = checkpointDir.trim();
        if (trimmed.startsWith("/")) {
            return Option.of(Path.of(trimmed));
        }
        URI uri = URI.create(trimmed);
        return "file".equals(uri.getScheme()) ? Option.of(Path.of(uri.getPath())) : Option.none();
    }

    private static Stream<Path> completed(Path jobDirectory) {
        try {
            return Files.list(jobDirectory).filter(d -> d.getFileName().toString().startsWith("chk-"))
                    .map(d -> d.resolve(METADATA)).filter(Files::isRegularFile).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
