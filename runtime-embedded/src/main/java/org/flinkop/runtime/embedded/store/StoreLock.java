package org.flinkop.runtime.embedded.store;

import io.vavr.control.Either;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.flinkop.ports.PortFailure;

/**
 * The one process that has a store open. Two operators on one store would both act on every resource, so a
 * second one is refused. The lock is the operating system's, held through an open file: it goes with the
 * process, also when the process is killed, so a crash never leaves the store locked. The file names the
 * holder's process id, for the message a refused opener shows.
 */
final class StoreLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static Either<PortFailure, StoreLock> acquire(Path file) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            return Either.left(PortFailure.of(PortFailure.Reason.UNAVAILABLE, "cannot open the lock file " + file + ": " + e));
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Either.left(inUse(file, "process " + holder(file)));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return Either.right(new StoreLock(channel, lock));
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            return Either.left(inUse(file, "this process (" + ProcessHandle.current().pid() + ")"));
        } catch (IOException e) {
            closeQuietly(channel);
            return Either.left(PortFailure.of(PortFailure.Reason.UNAVAILABLE, "cannot lock " + file + ": " + e));
        }
    }

    private static PortFailure inUse(Path file, String holder) {
        return PortFailure.of(PortFailure.Reason.UNAVAILABLE, "the store " + file.getParent() + " is in use by " + holder
                + ", which holds " + file + "; two operators on one store would both act on every resource, so only one may open it");
    }

    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return pid.isEmpty() ? "another process" : pid;
        } catch (IOException e) {
            return "another process";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written through it
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
