package org.flinkop.domain.config;

import io.vavr.control.Option;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations in Flink's configuration syntax: a whole number and a unit ({@code 10 s}, {@code 6h}, {@code 500}, meaning ms). */
public final class FlinkDuration {

    private static final Pattern SYNTAX = Pattern.compile("(\\d+)\\s*([a-zµ]*)");
    private static final Map<String, ChronoUnit> UNITS = Map.ofEntries(
            Map.entry("", ChronoUnit.MILLIS),
            Map.entry("d", ChronoUnit.DAYS), Map.entry("day", ChronoUnit.DAYS), Map.entry("days", ChronoUnit.DAYS),
            Map.entry("h", ChronoUnit.HOURS), Map.entry("hour", ChronoUnit.HOURS), Map.entry("hours", ChronoUnit.HOURS),
            Map.entry("m", ChronoUnit.MINUTES), Map.entry("min", ChronoUnit.MINUTES), Map.entry("mins", ChronoUnit.MINUTES),
            Map.entry("minute", ChronoUnit.MINUTES), Map.entry("minutes", ChronoUnit.MINUTES),
            Map.entry("s", ChronoUnit.SECONDS), Map.entry("sec", ChronoUnit.SECONDS), Map.entry("secs", ChronoUnit.SECONDS),
            Map.entry("second", ChronoUnit.SECONDS), Map.entry("seconds", ChronoUnit.SECONDS),
            Map.entry("ms", ChronoUnit.MILLIS), Map.entry("milli", ChronoUnit.MILLIS), Map.entry("millis", ChronoUnit.MILLIS),
            Map.entry("millisecond", ChronoUnit.MILLIS), Map.entry("milliseconds", ChronoUnit.MILLIS),
            Map.entry("us", ChronoUnit.MICROS), Map.entry("µs", ChronoUnit.MICROS), Map.entry("micro", ChronoUnit.MICROS),
            Map.entry("micros", ChronoUnit.MICROS), Map.entry("microsecond", ChronoUnit.MICROS), Map.entry("microseconds", ChronoUnit.MICROS),
            Map.entry("ns", ChronoUnit.NANOS), Map.entry("nano", ChronoUnit.NANOS), Map.entry("nanos", ChronoUnit.NANOS),
            Map.entry("nanosecond", ChronoUnit.NANOS), Map.entry("nanoseconds", ChronoUnit.NANOS));

    private FlinkDuration() {
    }

    public static Option<Duration> parse(String text) {
        if (text == null) {
            return Option.none();
        }
        Matcher m = SYNTAX.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches() || !UNITS.containsKey(m.group(2))) {
            return Option.none();
        }
        try {
            return Option.of(Duration.of(Long.parseLong(m.group(1)), UNITS.get(m.group(2))));
        } catch (ArithmeticException | NumberFormatException e) {
            return Option.none();
        }
    }

    /** How the syntax is described in error messages. */
    public static String syntax() {
        return "a whole number with a unit: ms, s, min, h or d (e.g. 30 s, 6h)";
    }
}
