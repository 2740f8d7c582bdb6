package org.flinkop.runtime.operator.logging;

import java.util.LinkedHashMap;
import java.util.Map;
import org.flinkop.domain.resource.ResourceKey;

/**
 * The operator's own structured log lines: a message and fields, with the resource's kind, namespace and name
 * when the line is about one. Field names never contain words that look secret, so the masker leaves them alone.
 */
public final class OperatorLog {

    private final LogSink sink;
    private final String logger;

    public OperatorLog(LogSink sink, String logger) {
        this.sink = sink;
        this.logger = logger;
    }

    public boolean enabled(LogLevel level) {
        return sink.enabled(level);
    }

    public void log(LogLevel level, String message, Map<String, ?> fields) {
        sink.write(level, logger, message, fields, null);
    }

    public void info(String message, Map<String, ?> fields) {
        log(LogLevel.INFO, message, fields);
    }

    public void warn(String message, Map<String, ?> fields) {
        log(LogLevel.WARN, message, fields);
    }

    public void error(String message, Map<String, ?> fields, Throwable problem) {
        sink.write(LogLevel.ERROR, logger, message, fields, problem);
    }

    /** Fields naming {@code key}'s resource, in a map the caller may add to. */
    public static Map<String, Object> about(ResourceKey key) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("kind", key.kind().spelling());
        fields.put("namespace", key.namespace() == null ? "" : key.namespace());
        fields.put("name", key.name());
        return fields;
    }

    /** Fields from alternating names and values. */
    public static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            fields.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
        }
        return fields;
    }
}
