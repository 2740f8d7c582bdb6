package org.flinkop.testkit.artifact;

import io.vavr.control.Either;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.artifact.Artifact;
import org.flinkop.ports.artifact.Artifacts;

/**
 * Jars served from memory, with the rules the real fetcher keeps: {@code local}, {@code file} and {@code https}
 * only ({@code http} when allowed), a size limit, and a content hash so the same bytes are the same artifact.
 * Thread-safe.
 */
public final class FakeArtifacts implements Artifacts {

    private final Map<URI, byte[]> content = new ConcurrentHashMap<>();
    private final boolean plainHttpAllowed;
    private final long maxBytes;

    public FakeArtifacts(boolean plainHttpAllowed, long maxBytes) {
        this.plainHttpAllowed = plainHttpAllowed;
        this.maxBytes = maxBytes;
    }

    /** Serves {@code bytes} at {@code uri}. */
    public FakeArtifacts serve(String uri, String bytes) {
        content.put(URI.create(uri), bytes.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    @Override
    public Either<PortFailure, Artifact> fetch(URI jarUri) {
        String scheme = jarUri.getScheme() == null ? "" : jarUri.getScheme();
        boolean allowed = scheme.equals("local") || scheme.equals("file") || scheme.equals("https") || scheme.equals("http") && plainHttpAllowed;
        if (!allowed) {
            return Either.left(PortFailure.of(PortFailure.Reason.FORBIDDEN, "scheme '" + scheme + "' is not allowed for jarURI " + jarUri));
        }
        byte[] bytes = content.get(jarUri);
        if (bytes == null) {
            return Either.left(PortFailure.of(PortFailure.Reason.NOT_FOUND, "no jar at " + jarUri));
        }
        if (bytes.length > maxBytes) {
            return Either.left(PortFailure.of(PortFailure.Reason.FORBIDDEN, jarUri + " is " + bytes.length + " bytes, over the limit of " + maxBytes));
        }
        String sha = sha256(bytes);
        return Either.right(new Artifact("/artifacts/" + sha + ".jar", sha, bytes.length));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
