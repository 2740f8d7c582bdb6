package org.flinkop.runtime.embedded.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * File changes that survive a crash of the process or of the machine at any point: after a write returns, the
 * new content is on disk; before, the old content is. A file is never seen half written.
 *
 * <p>A write goes to a temporary file beside the target, is forced to disk, and is renamed over the target in one
 * atomic step; the directory is then forced so the rename itself is on disk. Safe to call from many threads for
 * different files; writes to one file must be serialised by the caller (they share the temporary file).
 */
final class DurableFiles {

    /** Directories known to exist durably, so that a write does not ask the file system again. */
    private final Set<Path> directories = ConcurrentHashMap.newKeySet();

    /** Replaces the content of {@code file} with {@code content}, creating its directories as needed. */
    void write(Path file, byte[] content) throws IOException {
        Path directory = file.getParent();
        ensureDirectory(directory);
        Path temporary = StoreLayout.temporaryFor(file);
        try (FileChannel channel = FileChannel.open(temporary,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(directory);
    }

    /** Removes {@code file}; true when it existed. */
    boolean delete(Path file) throws IOException {
        boolean deleted = Files.deleteIfExists(file);
        if (deleted) {
            forceDirectory(file.getParent());
        }
        return deleted;
    }

    /**
     * Creates {@code directory} and its missing parents, each recorded in its own parent before returning. The
     * walk up stops at a directory already known, such as the store's root.
     */
    void ensureDirectory(Path directory) throws IOException {
        if (directory == null || directories.contains(directory)) {
            return;
        }
        ensureDirectory(directory.getParent());
        try {
            Files.createDirectory(directory);
        } catch (FileAlreadyExistsException e) {
            // made before, or by another writer just now; its entry in the parent may not be on disk yet
        }
        forceDirectory(directory.getParent());
        directories.add(directory);
    }

    /** Takes {@code directory}, which exists, as the top: its entry in its parent is made durable, and walks up stop there. */
    void anchor(Path directory) throws IOException {
        if (directory.getParent() != null) {
            forceDirectory(directory.getParent());
        }
        directories.add(directory);
    }

    /** Puts the directory's entries (creations, renames, deletions) on disk. */
    static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
