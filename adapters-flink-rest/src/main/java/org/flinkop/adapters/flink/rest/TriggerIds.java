package org.flinkop.adapters.flink.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.flink.runtime.rest.messages.TriggerId;

/**
 * The caller's trigger ids as Flink's 32-hex trigger ids. A 32-hex id (dashes allowed, as in a UUID) is taken as it
 * is; any other text is hashed, so the same caller id always names the same Flink trigger.
 */
final class TriggerIds {

    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");

    private TriggerIds() {
    }

    static TriggerId of(String callerId) {
        String hex = callerId.replace("-", "").toLowerCase(Locale.ROOT);
        return TriggerId.fromHexString(HEX32.matcher(hex).matches() ? hex : sha256Hex(callerId).substring(0, 32));
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
