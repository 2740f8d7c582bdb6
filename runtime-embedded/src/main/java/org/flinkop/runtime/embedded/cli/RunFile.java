package org.flinkop.runtime.embedded.cli;

import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * How the other commands find the operator {@code flinkctl run} runs on a work directory: the file {@code run.json}
 * in it holds the process id, the loopback address of its HTTP API and the bearer token every request must carry.
 * Only the owner may read it (0600): the token is what lets a command act on the directory. {@code run} writes it
 * once it answers and removes it when it stops; a file whose process is gone (a {@code run} that was killed) is
 * ignored.
 *
 * @param pid     the process of {@code flinkctl run}
 * @param address {@code http://127.0.0.1:PORT}
 * @param token   the bearer token
 */
record RunFile(long pid, URI address, String token) {

    static final String NAME = "run.json";

    /** A new token for this process's server at {@code address}. */
    static RunFile forThisProcess(URI address) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new RunFile(ProcessHandle.current().pid(), address, HexFormat.of().formatHex(secret));
    }

    /** The file of a {@code run} that is alive on {@code directory}, if there is one. */
    static Option<RunFile> find(Path directory) {
        byte[] content;
        try {
            content = Files.readAllBytes(directory.resolve(NAME));
        } catch (NoSuchFileException e) {
            return Option.none();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory.resolve(NAME) + ": " + e.getMessage(), e);
        }
        RunFile file;
        try {
            Map<String, Object> tree = Wire.read(content);
            file = new RunFile(((Number) tree.get("pid")).longValue(), URI.create((String) tree.get("address")), (String) tree.get("token"));
        } catch (RuntimeException e) {
            // a file cut off by a crash while it was written cannot be used; the next run writes it anew
            return Option.none();
        }
        return ProcessHandle.of(file.pid()).map(ProcessHandle::isAlive).orElse(false) ? Option.of(file) : Option.none();
    }

    /** Writes the file, readable by the owner only from its first byte on, and replaces any earlier one at once. */
    void write(Path directory) {
        Path target = directory.resolve(NAME);
        Path temporary = directory.resolve(NAME + ".tmp");
        try {
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temporary, Wire.write(Map.of("pid", pid, "address", address.toString(), "token", token)));
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Removes the file, if it is still this one (a later {@code run} may have written its own). */
    void remove(Path directory) {
        Path target = directory.resolve(NAME);
        try {
            if (Files.exists(target) && new String(Files.readAllBytes(target), StandardCharsets.UTF_8).contains(token)) {
                Files.delete(target);
            }
        } catch (IOException e) {
            // nothing to remove, or it cannot be: a file whose process is gone is ignored
        }
    }
}
