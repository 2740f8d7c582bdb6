package org.flinkop.runtime.operator.logging;

/** How severe a log line is, least first. */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR
}
