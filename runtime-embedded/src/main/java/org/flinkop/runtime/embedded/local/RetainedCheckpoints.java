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
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.domain.resource.StateLocationKind;

/**
 * Completed checkpoints Flink left in a local checkpoint directory ({@code <dir>/<job id>/chk-<n>/_metadata}; a
 * checkpoint without its {@code _metadata} file did not complete). Without an HA service this is what a job whose
 * JobManager is gone restores from.
 */
final class RetainedCheckpoints {

    private static final String METADATA = "_metadata";

    private RetainedCheckpoints() {
    }

    /**
     * The checkpoint whose metadata was written last, under {@code root}, of any job; none when there is none or it
     * cannot be read. For a cluster whose job and restore are not known.
     */
    static Option<CompletedCheckpoint> newest(Path root) {
        if (!Files.isDirectory(root)) {
            return Option.none();
        }
        try (Stream<Path> jobs = Files.list(root)) {
            return Option.ofOptional(jobs.filter(Files::isDirectory).flatMap(RetainedCheckpoints::completed)
                    .max(Comparator.comparing(RetainedCheckpoints::modified)))
                    .map(RetainedCheckpoints::checkpoint);
        } catch (IOException | UncheckedIOException e) {
            // a directory that changes while it is read is read again at the next observation
            return Option.none();
        }
    }

    /**
     * The newest state the job {@code jobId} left under {@code root}, when it started from {@code restoredFrom}: its
     * own newest checkpoint, else the checkpoint it restored from. None when it checkpointed nothing and started from a
     * savepoint (which its resource's status records, and which is newer than any checkpoint of the job before it) or
     * from nothing: a checkpoint another job left there holds older state than the job started from.
     */
    static Option<CompletedCheckpoint> newestOf(Path root, String jobId, StateLocation restoredFrom) {
        Path own = root.resolve(jobId);
        if (Files.isDirectory(own)) {
            try {
                Option<CompletedCheckpoint> newest = Option.ofOptional(completed(own).max(Comparator.comparing(RetainedCheckpoints::modified)))
                        .map(RetainedCheckpoints::checkpoint);
                if (newest.isDefined()) {
                    return newest;
                }
            } catch (UncheckedIOException e) {
                // a directory that changes while it is read is read again at the next observation
                return Option.none();
            }
        }
        if (restoredFrom.kind() != StateLocationKind.CHECKPOINT) {
            return Option.none();
        }
        return localDirectory(restoredFrom.path()).map(dir -> dir.resolve(METADATA)).filter(Files::isRegularFile).flatMap(metadata -> {
            try {
                return Option.of(new CompletedCheckpoint(restoredFrom.path(), Files.getLastModifiedTime(metadata).toInstant()));
            } catch (IOException e) {
                return Option.none();
            }
        });
    }

    private static CompletedCheckpoint checkpoint(Path metadata) {
        return new CompletedCheckpoint("file:" + metadata.getParent(), modified(metadata).toInstant());
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
