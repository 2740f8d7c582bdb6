package org.flinkop.runtime.operator.config;

import java.util.List;
import java.util.Locale;

/**
 * Which configuration keys hold secrets, by the words Flink and the Apache operator mask them by: a key whose
 * name contains password, secret, token, key, credential, or names a JAAS configuration, authentication
 * parameters or HTTP headers. Their values never appear in logs or events; where they would, {@link #MASK} does.
 */
public final class SensitiveKeys {

    /** What a secret value is replaced with. */
    public static final String MASK = "******";

    private static final List<String> WORDS = List.of("password", "secret", "token", "key", "credential", "jaas.config", "auth-params", "basic-auth",
            "http-headers");

    private SensitiveKeys() {
    }

    public static boolean isSensitive(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return WORDS.stream().anyMatch(lower::contains);
    }

    /** The value as it may be shown: masked when the key is sensitive. */
    public static String shown(String key, String value) {
        return isSensitive(key) ? MASK : value;
    }
}
