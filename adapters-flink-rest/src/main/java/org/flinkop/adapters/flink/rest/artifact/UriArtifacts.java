package org.flinkop.adapters.flink.rest.artifact;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.PortFailure.Reason;
import org.flinkop.ports.artifact.Artifact;
import org.flinkop.ports.artifact.Artifacts;

/**
 * {@link Artifacts} for {@code local://} and {@code file://} paths on this machine and {@code https://} (and, when
 * allowed, {@code http://}) downloads ({@link Downloads}), kept by content in the cache directory
 * ({@link ContentCache}). Every refusal is {@code FORBIDDEN} and names its rule and the setting that changes it; a
 * missing jar is {@code NOT_FOUND}; a wait past a timeout is {@code TIMEOUT}; a server's error answer is
 * {@code UNAVAILABLE} (5xx, 408, 429) or {@code REJECTED} with its status. Blocking; safe from any thread.
 */
final class UriArtifacts implements Artifacts {

    private final ArtifactSettings settings;
    private final ContentCache cache;
    private final Downloads downloads;

    UriArtifacts(ArtifactSettings settings) {
        this(settings, HostResolver.system());
    }

    UriArtifacts(ArtifactSettings settings, HostResolver resolver) {
        this.settings = settings;
        this.cache = new ContentCache(settings.cacheDirectory(), settings.maxBytes());
        this.downloads = new Downloads(settings, new AddressPolicy(settings, resolver), cache, tls(settings.trustStore()));
    }

    @Override
    public Either<PortFailure, Artifact> fetch(URI jarUri) {
        String scheme = jarUri.getScheme() == null ? "" : jarUri.getScheme().toLowerCase(Locale.ROOT);
        try {
            return switch (scheme) {
                case "local", "file" -> local(jarUri);
                case "https" -> downloads.fetch(jarUri);
                case "http" -> settings.plainHttpAllowed() ? downloads.fetch(jarUri) : Either.left(schemeRefused(jarUri, "http"));
                default -> Either.left(schemeRefused(jarUri, scheme));
            };
        } catch (FetchTimeoutException e) {
            return Either.left(PortFailure.of(Reason.TIMEOUT, jarUri + ": " + e.getMessage()));
        } catch (TooLargeException e) {
            return Either.left(PortFailure.of(Reason.FORBIDDEN, e.getMessage()));
        } catch (SSLHandshakeException e) {
            return Either.left(PortFailure.of(Reason.FORBIDDEN, jarUri + ": the TLS handshake failed (" + e.getMessage() + "); allowed: servers whose "
                    + "certificate matches their host and is trusted by the JVM or by " + ArtifactConfiguration.TRUST_STORE));
        } catch (IOException e) {
            return Either.left(PortFailure.of(Reason.UNAVAILABLE, jarUri + ": " + e.getMessage()));
        }
    }

    private PortFailure schemeRefused(URI jarUri, String scheme) {
        String allowed = settings.plainHttpAllowed() ? "local, file, https, http" : "local, file, https, and http when " + ArtifactConfiguration.ALLOW_HTTP
                + " is set";
        return PortFailure.of(Reason.FORBIDDEN, "scheme '" + scheme + "' of jarURI " + jarUri + " is not allowed; allowed: " + allowed);
    }

    private Either<PortFailure, Artifact> local(URI jarUri) throws IOException {
        Option<Path> path = localPath(jarUri);
        if (path.isEmpty()) {
            return Either.left(PortFailure.of(Reason.REJECTED, "jarURI " + jarUri + " is not an absolute path on this machine (" + jarUri.getScheme()
                    + ":///path/to/job.jar)"));
        }
        Path file = path.get();
        if (!Files.exists(file)) {
            return Either.left(PortFailure.of(Reason.NOT_FOUND, "no jar at " + jarUri + " (" + file + " does not exist)"));
        }
        if (!Files.isRegularFile(file)) {
            return Either.left(PortFailure.of(Reason.REJECTED, "jarURI " + jarUri + " is not a file"));
        }
        if (Files.size(file) > settings.maxBytes()) {
            return Either.left(PortFailure.of(Reason.FORBIDDEN, jarUri + " is " + Files.size(file) + " bytes, larger than the limit of " + settings.maxBytes()
                    + " bytes (not read); allowed: jars up to " + ArtifactConfiguration.MAX_BYTES));
        }
        try (InputStream in = Files.newInputStream(file)) {
            Artifact artifact = cache.store(in, jarUri.toString());
            return artifact.size() == 0 ? Either.left(PortFailure.of(Reason.REJECTED, jarUri + " is empty")) : Either.right(artifact);
        } catch (NoSuchFileException e) {
            return Either.left(PortFailure.of(Reason.NOT_FOUND, "no jar at " + jarUri + " (" + file + " does not exist)"));
        } catch (AccessDeniedException e) {
            return Either.left(PortFailure.of(Reason.FORBIDDEN, jarUri + ": this process may not read " + file));
        }
    }

    /** {@code file:///p} and {@code local:///p} name {@code /p}; a host ({@code file://server/p}) or a relative path is no local path. */
    private static Option<Path> localPath(URI jarUri) {
        String authority = jarUri.getRawAuthority();
        String path = jarUri.getPath();
        if (authority != null && !authority.isEmpty() && !authority.equalsIgnoreCase("localhost") || path == null || !path.startsWith("/")) {
            return Option.none();
        }
        return Option.some(Path.of(path));
    }

    private static SSLSocketFactory tls(Option<TrustStore> trustStore) {
        if (trustStore.isEmpty()) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        TrustStore store = trustStore.get();
        try (InputStream in = Files.newInputStream(store.path())) {
            KeyStore keys = KeyStore.getInstance(store.type());
            keys.load(in, store.password().toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keys);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(ArtifactConfiguration.TRUST_STORE + ": cannot load " + store + ": " + e.getMessage(), e);
        }
    }
}
