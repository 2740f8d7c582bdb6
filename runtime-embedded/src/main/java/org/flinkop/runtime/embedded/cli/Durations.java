package org.flinkop.runtime.embedded.cli;

import java.time.Duration;

/** {@code 90s}, {@code 10m}, {@code 1h}, or plain seconds. */
final class Durations {

    private Durations() {
    }

    static Duration parse(String text) throws Arguments.UsageException {
        try {
            String t = text.trim();
            char unit = t.charAt(t.length() - 1);
            long amount = Character.isDigit(unit) ? Long.parseLong(t) : Long.parseLong(t.substring(0, t.length() - 1));
            return switch (unit) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> {
                    if (!Character.isDigit(unit)) {
                        throw new NumberFormatException();
                    }
                    yield Duration.ofSeconds(amount);
                }
            };
        } catch (RuntimeException e) {
            throw new Arguments.UsageException("'" + text + "' is not a duration; allowed: a number with s, m or h, such as 90s or 10m");
        }
    }
}
