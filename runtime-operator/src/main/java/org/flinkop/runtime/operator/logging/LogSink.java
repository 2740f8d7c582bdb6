package org.flinkop.runtime.operator.logging;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Where log lines go: one line per event, in logfmt ({@code time=… level=… logger=… msg="…" key=value …}), each
 * line passed through the {@link SecretMasker} before it is written. Lines less severe than the threshold are
 * dropped. Thread-safe: a line is written whole.
 */
public final class LogSink {

    private final PrintStream out;
    private final LogLevel threshold;
    private final SecretMasker masker;
    private final Clock clock;

    public LogSink(PrintStream out, LogLevel threshold, SecretMasker masker, Clock clock) {
        this.out = Objects.requireNonNull(out, "out");
        this.threshold = Objects.requireNonNull(threshold, "threshold");
        this.masker = Objects.requireNonNull(masker, "masker");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public boolean enabled(LogLevel level) {
        return level.compareTo(threshold) >= 0;
    }

    public SecretMasker masker() {
        return masker;
    }

    /** Writes one line, when {@code level} passes the threshold; {@code problem} (may be null) adds its class, message and stack. */
    public void write(LogLevel level, String logger, String message, Map<String, ?> fields, Throwable problem) {
        if (!enabled(level)) {
            return;
        }
        StringBuilder line = new StringBuilder(160);
        Logfmt.append(line, "time", clock.instant().toString());
        Logfmt.append(line, "level", level.name());
        Logfmt.append(line, "logger", logger);
        Logfmt.append(line, "msg", message);
        fields.forEach((key, value) -> Logfmt.append(line, key, value == null ? "" : String.valueOf(value)));
        if (problem != null) {
            Logfmt.append(line, "error", problem.toString());
            Logfmt.append(line, "stack", Logfmt.stack(problem));
        }
        String masked = masker.mask(line.toString());
        synchronized (out) {
            out.println(masked);
            out.flush();
        }
    }
}
