package org.flinkop.adapters.flink.rest.artifact;

import io.vavr.control.Option;
import io.vavr.control.Try;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import org.flinkop.ports.artifact.Artifact;

/**
 * Fetched jars on disk, one file per content ({@code sha256/<hash>.jar}), so the same bytes from any address are one
 * file and one {@link Artifact}; and what each downloaded URI last gave ({@code uris/}), with the validators its server
 * sent ({@code ETag}, {@code Last-Modified}), so fetching it again asks the server whether it changed instead of
 * downloading it again. Files appear whole or not at all (written aside, then moved), so concurrent fetches and a
 * crash mid-download leave no partial jar. Safe from any thread and across processes sharing the directory.
 */
final class ContentCache {

    private static final int BUFFER = 64 * 1024;

    private final Path contents;
    private final Path uris;
    private final Path partial;
    private final long maxBytes;

    ContentCache(Path directory, long maxBytes) {
        this.contents = directory.resolve("sha256");
        this.uris = directory.resolve("uris");
        this.partial = directory.resolve("partial");
        this.maxBytes = maxBytes;
    }

    /** What {@code uri} gave last time, when its content is still here. */
    record Known(Artifact artifact, Option<String> etag, Option<String> lastModified) {
    }

    /**
     * Reads {@code in} to its end into the cache, stopping past the size limit.
     *
     * @throws TooLargeException when {@code in} holds more than the limit
     * @throws IOException       when reading {@code in} or writing the cache fails
     */
    Artifact store(InputStream in, String source) throws IOException {
        Files.createDirectories(partial);
        Path part = Files.createTempFile(partial, "fetch-", ".part");
        try {
            MessageDigest sha256 = sha256();
            long size = copy(in, new DigestOutputStream(Files.newOutputStream(part), sha256), source);
            String hash = HexFormat.of().formatHex(sha256.digest());
            Path target = contents.resolve(hash + ".jar");
            if (!Files.isRegularFile(target)) {
                Files.createDirectories(contents);
                publish(part, target);
            }
            return new Artifact(target.toAbsolutePath().toString(), hash, size);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    Option<Known> known(URI uri) {
        Path entry = uris.resolve(key(uri));
        if (!Files.isRegularFile(entry)) {
            return Option.none();
        }
        return Try.of(() -> {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(entry, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            return properties;
        }).toOption().flatMap(properties -> known(properties));
    }

    /** Records what {@code uri} gave; best effort, as a missing record only costs a download. */
    void remember(URI uri, Artifact artifact, Option<String> etag, Option<String> lastModified) {
        Properties properties = new Properties();
        properties.setProperty("uri", uri.toString());
        properties.setProperty("sha256", artifact.sha256());
        properties.setProperty("size", Long.toString(artifact.size()));
        etag.forEach(value -> properties.setProperty("etag", value));
        lastModified.forEach(value -> properties.setProperty("last-modified", value));
        Try.run(() -> {
            Files.createDirectories(uris);
            Files.createDirectories(partial);
            Path part = Files.createTempFile(partial, "uri-", ".part");
            try (Writer writer = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
                properties.store(writer, null);
            }
            Files.move(part, uris.resolve(key(uri)), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        });
    }

    private Option<Known> known(Properties properties) {
        String hash = properties.getProperty("sha256", "");
        Path content = contents.resolve(hash + ".jar");
        if (!hash.matches("[0-9a-f]{64}") || !Files.isRegularFile(content)) {
            return Option.none();
        }
        return Try.of(() -> Files.size(content)).toOption()
                .map(size -> new Known(new Artifact(content.toAbsolutePath().toString(), hash, size),
                        Option.of(properties.getProperty("etag")), Option.of(properties.getProperty("last-modified"))));
    }

    private long copy(InputStream in, OutputStream out, String source) throws IOException {
        long size = 0;
        try (out) {
            byte[] buffer = new byte[BUFFER];
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                size += n;
                if (size > maxBytes) {
                    throw new TooLargeException(source + " is larger than the limit of " + maxBytes + " bytes (reading stopped there); allowed: jars up to "
                            + ArtifactConfiguration.MAX_BYTES);
                }
                out.write(buffer, 0, n);
            }
        }
        return size;
    }

    private static void publish(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // the same content, written by a concurrent fetch
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String key(URI uri) {
        return HexFormat.of().formatHex(sha256().digest(uri.toString().getBytes(StandardCharsets.UTF_8))) + ".properties";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
