package org.flinkop.adapters.flink.rest.artifact;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How jars are fetched: where fetched jars are kept, how large one may be, how long a fetch waits, and which
 * schemes and addresses it may use. {@link #defaults} refuse plain http and every loopback, private, link-local and
 * cloud metadata address; {@link #fromConfiguration} reads the {@code artifacts.*} settings that refusals name.
 *
 * @param cacheDirectory   where fetched jars are kept, one file per content (by SHA-256)
 * @param maxBytes         the largest jar fetched; reading stops past it ({@code artifacts.max-bytes})
 * @param connectTimeout   the longest wait for a connection ({@code artifacts.connect-timeout})
 * @param readTimeout      the longest wait for the next bytes of an answer ({@code artifacts.read-timeout})
 * @param fetchTimeout     the longest a whole fetch takes, redirects included ({@code artifacts.fetch-timeout})
 * @param maxRedirects     how many redirects one fetch follows ({@code artifacts.max-redirects})
 * @param plainHttpAllowed whether {@code http://} is fetched, not only {@code https://} ({@code artifacts.allow-http})
 * @param allowedAddresses the kinds of address fetched from besides public ones
 * @param trustStore       the certificates https trusts, instead of the JVM's ({@code artifacts.trust-store})
 */
public record ArtifactSettings(Path cacheDirectory, long maxBytes, Duration connectTimeout, Duration readTimeout, Duration fetchTimeout,
        int maxRedirects, boolean plainHttpAllowed, Set<AddressKind> allowedAddresses, Option<TrustStore> trustStore) {

    public static final long DEFAULT_MAX_BYTES = 256L << 20;

    public ArtifactSettings {
        Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(fetchTimeout, "fetchTimeout");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must not be negative: " + maxRedirects);
        }
        allowedAddresses = Set.copyOf(allowedAddresses);
        Objects.requireNonNull(trustStore, "trustStore");
    }

    /** 256 MiB, 10 s to connect, 30 s between reads, 5 min in all, 5 redirects, https only, public addresses only. */
    public static ArtifactSettings defaults(Path cacheDirectory) {
        return new ArtifactSettings(cacheDirectory, DEFAULT_MAX_BYTES, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(5), 5, false,
                Set.of(), Option.none());
    }

    /**
     * The settings {@code configuration} gives, on top of {@link #defaults}; {@code artifacts.cache-dir} is required.
     * Every value that cannot be read is reported, naming its key and what it takes.
     */
    public static Either<List<String>, ArtifactSettings> fromConfiguration(Map<String, String> configuration) {
        return ArtifactConfiguration.read(configuration);
    }

    public ArtifactSettings withMaxBytes(long bytes) {
        return new ArtifactSettings(cacheDirectory, bytes, connectTimeout, readTimeout, fetchTimeout, maxRedirects, plainHttpAllowed, allowedAddresses, trustStore);
    }

    public ArtifactSettings withTimeouts(Duration connect, Duration read, Duration fetch) {
        return new ArtifactSettings(cacheDirectory, maxBytes, connect, read, fetch, maxRedirects, plainHttpAllowed, allowedAddresses, trustStore);
    }

    public ArtifactSettings withMaxRedirects(int redirects) {
        return new ArtifactSettings(cacheDirectory, maxBytes, connectTimeout, readTimeout, fetchTimeout, redirects, plainHttpAllowed, allowedAddresses, trustStore);
    }

    public ArtifactSettings withPlainHttp(boolean allowed) {
        return new ArtifactSettings(cacheDirectory, maxBytes, connectTimeout, readTimeout, fetchTimeout, maxRedirects, allowed, allowedAddresses, trustStore);
    }

    /** These settings, fetching from addresses of {@code kinds} too. */
    public ArtifactSettings allowing(AddressKind... kinds) {
        EnumSet<AddressKind> allowed = EnumSet.noneOf(AddressKind.class);
        allowed.addAll(allowedAddresses);
        allowed.addAll(java.util.List.of(kinds));
        return new ArtifactSettings(cacheDirectory, maxBytes, connectTimeout, readTimeout, fetchTimeout, maxRedirects, plainHttpAllowed, allowed, trustStore);
    }

    public ArtifactSettings withTrustStore(TrustStore store) {
        return new ArtifactSettings(cacheDirectory, maxBytes, connectTimeout, readTimeout, fetchTimeout, maxRedirects, plainHttpAllowed, allowedAddresses,
                Option.some(store));
    }

    public boolean allows(AddressKind kind) {
        return allowedAddresses.contains(kind);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
