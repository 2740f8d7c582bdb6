package org.flinkop.runtime.operator.logging;

import java.text.MessageFormat;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * Binds {@link System.Logger} (which the adapters log through, to stay free of a logging library) to the
 * operator's log lines. Found by the JDK through the service loader.
 */
public final class PlatformLoggerFinder extends System.LoggerFinder {

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new PlatformLogger(name);
    }

    private record PlatformLogger(String name) implements System.Logger {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return level != Level.OFF && LogOutput.sink().enabled(of(level));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            if (isLoggable(level)) {
                LogOutput.sink().write(of(level), name, message == null ? "" : message, Map.of(), thrown);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                String message = params == null || params.length == 0 || format == null ? format : MessageFormat.format(format, params);
                LogOutput.sink().write(of(level), name, message == null ? "" : message, Map.of(), null);
            }
        }

        private static LogLevel of(Level level) {
            return switch (level) {
                case ALL, TRACE -> LogLevel.TRACE;
                case DEBUG -> LogLevel.DEBUG;
                case INFO -> LogLevel.INFO;
                case WARNING -> LogLevel.WARN;
                case ERROR, OFF -> LogLevel.ERROR;
            };
        }
    }
}
