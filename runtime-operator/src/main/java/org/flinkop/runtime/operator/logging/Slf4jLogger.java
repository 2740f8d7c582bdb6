package org.flinkop.runtime.operator.logging;

import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** One SLF4J logger, writing to the process's {@link LogOutput#sink()}. */
final class Slf4jLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    Slf4jLogger(String name) {
        this.name = name;
    }

    private static boolean on(LogLevel level) {
        return LogOutput.sink().enabled(level);
    }

    @Override
    public boolean isTraceEnabled() {
        return on(LogLevel.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return on(LogLevel.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return on(LogLevel.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return on(LogLevel.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return on(LogLevel.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments, Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
        LogOutput.sink().write(of(level), name, message == null ? "" : message, Map.of(), throwable);
    }

    private static LogLevel of(Level level) {
        return switch (level) {
            case TRACE -> LogLevel.TRACE;
            case DEBUG -> LogLevel.DEBUG;
            case INFO -> LogLevel.INFO;
            case WARN -> LogLevel.WARN;
            case ERROR -> LogLevel.ERROR;
        };
    }
}
