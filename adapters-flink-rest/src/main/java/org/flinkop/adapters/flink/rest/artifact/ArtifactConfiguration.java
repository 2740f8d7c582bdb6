package org.flinkop.adapters.flink.rest.artifact;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.flinkop.domain.config.FlinkDuration;
import org.flinkop.domain.config.MemorySize;

/** Reads {@link ArtifactSettings} from {@code artifacts.*} configuration keys, reporting every bad value by its key. */
final class ArtifactConfiguration {

    static final String PREFIX = "artifacts.";
    static final String CACHE_DIR = "artifacts.cache-dir";
    static final String MAX_BYTES = "artifacts.max-bytes";
    static final String CONNECT_TIMEOUT = "artifacts.connect-timeout";
    static final String READ_TIMEOUT = "artifacts.read-timeout";
    static final String FETCH_TIMEOUT = "artifacts.fetch-timeout";
    static final String MAX_REDIRECTS = "artifacts.max-redirects";
    static final String ALLOW_HTTP = "artifacts.allow-http";
    static final String TRUST_STORE = "artifacts.trust-store";
    static final String TRUST_STORE_TYPE = "artifacts.trust-store-type";
    static final String TRUST_STORE_PASSWORD = "artifacts.trust-store-password";

    private static final List<String> KNOWN = List.of(CACHE_DIR, MAX_BYTES, CONNECT_TIMEOUT, READ_TIMEOUT, FETCH_TIMEOUT, MAX_REDIRECTS, ALLOW_HTTP,
            TRUST_STORE, TRUST_STORE_TYPE, TRUST_STORE_PASSWORD).appendAll(List.of(AddressKind.values()).map(AddressKind::setting));

    private final Map<String, String> values;
    private List<String> errors = List.empty();

    private ArtifactConfiguration(Map<String, String> values) {
        this.values = values;
    }

    static Either<List<String>, ArtifactSettings> read(Map<String, String> configuration) {
        return new ArtifactConfiguration(configuration).read();
    }

    private Either<List<String>, ArtifactSettings> read() {
        List.ofAll(values.keySet()).filter(key -> key.startsWith(PREFIX) && !KNOWN.contains(key)).sorted()
                .forEach(key -> errors = errors.append(key + ": unknown setting; known: " + KNOWN.mkString(", ")));
        Option<Path> cache = value(CACHE_DIR, "a directory path", ArtifactConfiguration::path);
        if (cache.isEmpty() && !values.containsKey(CACHE_DIR)) {
            errors = errors.append(CACHE_DIR + ": required, a directory path");
        }
        ArtifactSettings defaults = ArtifactSettings.defaults(cache.getOrElse(Path.of(".")));
        long maxBytes = value(MAX_BYTES, "a positive size (e.g. 256m, 1g)", MemorySize::parseBytes).getOrElse(defaults.maxBytes());
        Duration connect = duration(CONNECT_TIMEOUT).getOrElse(defaults.connectTimeout());
        Duration read = duration(READ_TIMEOUT).getOrElse(defaults.readTimeout());
        Duration fetch = duration(FETCH_TIMEOUT).getOrElse(defaults.fetchTimeout());
        int redirects = value(MAX_REDIRECTS, "a whole number from 0 to 20", ArtifactConfiguration::redirects).getOrElse(defaults.maxRedirects());
        boolean http = flag(ALLOW_HTTP);
        ArtifactSettings settings = defaults.withMaxBytes(maxBytes).withTimeouts(connect, read, fetch).withMaxRedirects(redirects).withPlainHttp(http)
                .allowing(List.of(AddressKind.values()).filter(kind -> flag(kind.setting())).toJavaArray(AddressKind[]::new));
        Option<Path> store = value(TRUST_STORE, "a key store file path", ArtifactConfiguration::path);
        if (store.isDefined()) {
            settings = settings.withTrustStore(new TrustStore(store.get(), values.getOrDefault(TRUST_STORE_TYPE, "PKCS12").trim(),
                    values.getOrDefault(TRUST_STORE_PASSWORD, "")));
        }
        return errors.isEmpty() ? Either.right(settings) : Either.left(errors);
    }

    private <T> Option<T> value(String key, String allowed, Function<String, Option<T>> parse) {
        String text = values.get(key);
        if (text == null) {
            return Option.none();
        }
        Option<T> parsed = parse.apply(text);
        if (parsed.isEmpty()) {
            errors = errors.append(key + ": '" + text + "' is not " + allowed);
        }
        return parsed;
    }

    private Option<Duration> duration(String key) {
        return value(key, "a positive duration, " + FlinkDuration.syntax(), text -> FlinkDuration.parse(text).filter(d -> !d.isZero()));
    }

    private boolean flag(String key) {
        return value(key, "true or false", text -> switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Option.some(true);
            case "false" -> Option.some(false);
            default -> Option.<Boolean>none();
        }).getOrElse(false);
    }

    private static Option<Path> path(String text) {
        try {
            return text.isBlank() ? Option.none() : Option.some(Path.of(text.trim()));
        } catch (InvalidPathException e) {
            return Option.none();
        }
    }

    private static Option<Integer> redirects(String text) {
        try {
            int count = Integer.parseInt(text.trim());
            return count >= 0 && count <= 20 ? Option.some(count) : Option.none();
        } catch (NumberFormatException e) {
            return Option.none();
        }
    }
}
