package org.flinkop.runtime.operator.logging;

import java.time.Clock;

/**
 * The process's log sink, for the logging facades that libraries use (SLF4J, {@link System.Logger}): those find
 * their implementation by {@link java.util.ServiceLoader}, so they cannot be handed one; they read it here. The
 * operator's main installs its sink at start; until then lines go to standard error at INFO, masked by keys alone.
 * This is the one piece of process-wide state in the runtime, as logging is process-wide by nature.
 */
public final class LogOutput {

    private static volatile LogSink sink = new LogSink(System.err, LogLevel.INFO, new SecretMasker(), Clock.systemUTC());

    private LogOutput() {
    }

    public static LogSink sink() {
        return sink;
    }

    /** Sends every library's log lines to {@code installed} from now on. */
    public static void install(LogSink installed) {
        sink = installed;
    }
}
