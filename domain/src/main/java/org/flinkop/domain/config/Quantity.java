package org.flinkop.domain.config;

import io.vavr.control.Option;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes resource quantities ({@code 500m}, {@code 2Gi}, {@code 1.5}, {@code 1e3}), as plain numbers. */
public final class Quantity {

    private static final Pattern SYNTAX = Pattern.compile("([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\\d+)?");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
            Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")), Map.entry("m", new BigDecimal("1e-3")),
            Map.entry("k", new BigDecimal("1e3")), Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")), Map.entry("E", new BigDecimal("1e18")));

    private Quantity() {
    }

    public static Option<BigDecimal> parse(String text) {
        if (text == null) {
            return Option.none();
        }
        Matcher m = SYNTAX.matcher(text.trim());
        if (!m.matches()) {
            return Option.none();
        }
        BigDecimal number = new BigDecimal(m.group(1));
        String suffix = m.group(2);
        if (suffix == null) {
            return Option.of(number);
        }
        if (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E') {
            int exponent = Integer.parseInt(suffix.substring(1));
            return Math.abs(exponent) > 30 ? Option.none() : Option.of(number.scaleByPowerOfTen(exponent));
        }
        return Option.of(number.multiply(SUFFIXES.get(suffix)));
    }
}
