package org.flinkop.adapters.flink.rest.artifact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Jar bytes and directories for the artifact tests, all under the module's target directory. */
final class TestJars {

    private TestJars() {
    }

    /** Bytes that start like a jar (a zip) and differ by {@code seed}. */
    static byte[] jar(String seed, int size) {
        byte[] bytes = new byte[size];
        byte[] head = ("PK\u0003\u0004" + seed).getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < size; i++) {
            bytes[i] = i < head.length ? head[i] : (byte) (i * 31 + seed.hashCode());
        }
        return bytes;
    }

    /** A fresh directory under target/. */
    static Path directory(String name) throws IOException {
        return Files.createDirectories(Path.of("target", "artifact-tests", name + "-" + System.nanoTime()).toAbsolutePath());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
