package org.flinkop.domain.config;

import io.vavr.control.Option;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory sizes as the {@code resource.memory} field takes them: Flink's syntax first ({@code 2048m}, {@code 2g},
 * {@code 1024 mb}), then a Kubernetes quantity ({@code 2Gi}, {@code 1.5G}, {@code 2e9}). Flink's reading wins
 * where both could apply, so {@code 2048m} is 2048 mebibytes, as Apache operator users expect.
 */
public final class MemorySize {

    private static final Pattern FLINK = Pattern.compile("(\\d+)\\s*([a-z]*)");
    private static final Map<String, Long> FLINK_UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L), Map.entry("bytes", 1L),
            Map.entry("k", 1L << 10), Map.entry("kb", 1L << 10), Map.entry("kibibytes", 1L << 10),
            Map.entry("m", 1L << 20), Map.entry("mb", 1L << 20), Map.entry("mebibytes", 1L << 20),
            Map.entry("g", 1L << 30), Map.entry("gb", 1L << 30), Map.entry("gibibytes", 1L << 30),
            Map.entry("t", 1L << 40), Map.entry("tb", 1L << 40), Map.entry("tebibytes", 1L << 40));

    private MemorySize() {
    }

    /** The size in bytes, or none when {@code text} is neither syntax or is not positive. */
    public static Option<Long> parseBytes(String text) {
        if (text == null) {
            return Option.none();
        }
        String trimmed = text.trim();
        Matcher flink = FLINK.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (flink.matches() && FLINK_UNITS.containsKey(flink.group(2))) {
            try {
                long bytes = Math.multiplyExact(Long.parseLong(flink.group(1)), FLINK_UNITS.get(flink.group(2)));
                return bytes > 0 ? Option.of(bytes) : Option.none();
            } catch (ArithmeticException | NumberFormatException e) {
                return Option.none();
            }
        }
        return Quantity.parse(trimmed)
                .filter(q -> q.signum() > 0)
                .map(q -> q.setScale(0, java.math.RoundingMode.CEILING))
                .filter(q -> q.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0)
                .map(BigDecimal::longValueExact);
    }
}
