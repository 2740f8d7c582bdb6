package org.flinkop.adapters.flink.rest.artifact;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLSocketFactory;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.PortFailure.Reason;
import org.flinkop.ports.artifact.Artifact;

/**
 * Jars fetched over https (and http, when allowed). Before every connection, the first and each redirect's, the
 * scheme and every address of the host are checked ({@link AddressPolicy}), and only checked addresses are connected
 * to; redirects are followed up to the configured count. A URI fetched before is asked for with its validators, and a
 * "not modified" answer is the jar already here.
 */
final class Downloads {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Set<Integer> TRY_LATER = Set.of(408, 429);

    private final ArtifactSettings settings;
    private final AddressPolicy policy;
    private final ContentCache cache;
    private final SSLSocketFactory tls;

    Downloads(ArtifactSettings settings, AddressPolicy policy, ContentCache cache, SSLSocketFactory tls) {
        this.settings = settings;
        this.policy = policy;
        this.cache = cache;
        this.tls = tls;
    }

    /** Fetches {@code uri}, an http or https URI whose scheme the caller allowed. */
    Either<PortFailure, Artifact> fetch(URI uri) throws IOException {
        FetchDeadline deadline = FetchDeadline.after(settings.fetchTimeout());
        Option<ContentCache.Known> known = cache.known(uri);
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            Either<PortFailure, List<InetAddress>> addresses = addresses(current);
            if (addresses.isLeft()) {
                return Either.left(addresses.getLeft());
            }
            try (HttpGet get = HttpGet.open(current, addresses.get(), conditions(known), tls, settings, deadline)) {
                if (!REDIRECTS.contains(get.status())) {
                    return answer(uri, current, get, known);
                }
                if (redirects == settings.maxRedirects()) {
                    return Either.left(PortFailure.of(Reason.FORBIDDEN, uri + " redirects more than " + settings.maxRedirects() + " times; allowed: at most "
                            + ArtifactConfiguration.MAX_REDIRECTS));
                }
                Either<PortFailure, URI> next = redirect(current, get);
                if (next.isLeft()) {
                    return Either.left(next.getLeft());
                }
                current = next.get();
            }
        }
    }

    private Either<PortFailure, List<InetAddress>> addresses(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && settings.plainHttpAllowed())) {
            return Either.left(PortFailure.of(Reason.FORBIDDEN, "a redirect to " + uri + " is not followed; allowed: https"
                    + (settings.plainHttpAllowed() ? " and http" : ", and http when " + ArtifactConfiguration.ALLOW_HTTP + " is set")));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Either.left(PortFailure.of(Reason.REJECTED, uri + " names no host"));
        }
        if (uri.getRawUserInfo() != null) {
            return Either.left(PortFailure.of(Reason.REJECTED, uri.getScheme() + "://" + uri.getHost() + "...: credentials in a jarURI are not sent"));
        }
        return policy.addresses(uri.getHost());
    }

    private static Map<String, String> conditions(Option<ContentCache.Known> known) {
        Map<String, String> headers = new LinkedHashMap<>();
        known.flatMap(ContentCache.Known::etag).forEach(etag -> headers.put("If-None-Match", etag));
        known.flatMap(ContentCache.Known::lastModified).forEach(date -> headers.put("If-Modified-Since", date));
        return headers;
    }

    private Either<PortFailure, Artifact> answer(URI uri, URI current, HttpGet get, Option<ContentCache.Known> known) throws IOException {
        int status = get.status();
        if (status == 304 && known.isDefined()) {
            return Either.right(known.get().artifact());
        }
        if (status >= 200 && status < 300) {
            return body(uri, get);
        }
        String answered = current + " answered HTTP " + status;
        if (status == 404 || status == 410) {
            return Either.left(PortFailure.of(Reason.NOT_FOUND, "no jar at " + uri + " (" + answered + ")"));
        }
        return Either.left(PortFailure.of(status >= 500 || TRY_LATER.contains(status) ? Reason.UNAVAILABLE : Reason.REJECTED, answered));
    }

    private Either<PortFailure, Artifact> body(URI uri, HttpGet get) throws IOException {
        Option<Long> length = get.header("Content-Length").flatMap(value -> Try.of(() -> Long.parseLong(value.trim())).toOption());
        if (length.exists(bytes -> bytes > settings.maxBytes())) {
            return Either.left(PortFailure.of(Reason.FORBIDDEN, uri + " is " + length.get() + " bytes, larger than the limit of " + settings.maxBytes()
                    + " bytes (not read); allowed: jars up to " + ArtifactConfiguration.MAX_BYTES));
        }
        Artifact artifact = cache.store(get.body(), uri.toString());
        if (artifact.size() == 0) {
            return Either.left(PortFailure.of(Reason.REJECTED, uri + " is empty"));
        }
        cache.remember(uri, artifact, get.header("ETag"), get.header("Last-Modified"));
        return Either.right(artifact);
    }

    private static Either<PortFailure, URI> redirect(URI current, HttpGet get) {
        Option<String> location = get.header("Location");
        if (location.isEmpty()) {
            return Either.left(PortFailure.of(Reason.REJECTED, current + " answered HTTP " + get.status() + " without a Location"));
        }
        try {
            return Either.right(current.resolve(new URI(location.get().trim())));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Either.left(PortFailure.of(Reason.REJECTED, current + " redirects to something not a URI: " + location.get()));
        }
    }
}
