package org.flinkop.runtime.operator.logging;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flinkop.runtime.operator.config.SensitiveKeys;

/**
 * Keeps secrets out of text that leaves the operator (log lines, Kubernetes Events). Two ways, since a secret can
 * show up without its key (a Flink exception that echoes a password): every {@code key=value} or {@code key: value}
 * whose key looks secret ({@link SensitiveKeys}) has its value masked, and every value of a secret-looking key in
 * a managed resource's flinkConfiguration, registered per resource, is masked wherever it appears. Thread-safe.
 */
public final class SecretMasker {

    /** Values this short are too common to mask wherever they appear (a password "1" would mask every digit). */
    static final int SHORTEST_MASKED_VALUE = 4;

    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)([\\w.\\-]*(?:password|secret|token|key|credential|jaas\\.config|auth-params|basic-auth|http-headers)[\\w.\\-]*)"
                    + "(\"?\\s*[=:]\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|[^\\s,;&}\\]\"]+)");

    private final Map<String, Set<String>> secretsByOwner = new ConcurrentHashMap<>();
    private volatile List<String> secrets = List.of();

    /** Remembers the secret values of {@code owner}'s configuration (replacing what it had), to mask them anywhere. */
    public void register(String owner, Map<String, String> configuration) {
        Set<String> values = configuration.entrySet().stream()
                .filter(e -> SensitiveKeys.isSensitive(e.getKey()) && e.getValue() != null && e.getValue().trim().length() >= SHORTEST_MASKED_VALUE)
                .map(e -> e.getValue().trim())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        Set<String> before = values.isEmpty() ? secretsByOwner.remove(owner) : secretsByOwner.put(owner, values);
        if (!values.equals(before == null ? Set.of() : before)) {
            refresh();
        }
    }

    /** Forgets {@code owner}'s values (the resource is gone). */
    public void forget(String owner) {
        if (secretsByOwner.remove(owner) != null) {
            refresh();
        }
    }

    private synchronized void refresh() {
        // longest first, so that a secret containing another is masked whole
        secrets = secretsByOwner.values().stream().flatMap(Set::stream).distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** {@code text} with every secret masked. */
    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : secrets) {
            if (masked.contains(secret)) {
                masked = masked.replace(secret, SensitiveKeys.MASK);
            }
        }
        Matcher matcher = KEY_VALUE.matcher(masked);
        if (!matcher.find()) {
            return masked;
        }
        StringBuilder out = new StringBuilder();
        do {
            matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group(1) + matcher.group(2) + SensitiveKeys.MASK));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }
}
