package org.flinkop.adapters.flink.rest;

import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;

/**
 * A job's exception history ({@code GET /jobs/:jobid/exceptions}) read from the JSON tree, so that Flink 1.x and 2.x
 * answers both read: fields one version does not send are absent, fields it adds are ignored. Both versions send
 * {@code exceptionHistory.entries}; 1.x also sends the older {@code root-exception} and {@code timestamp}, read only
 * when there is no history.
 */
final class JobExceptions {

    private static final String CAUSED_BY = "Caused by: ";

    private JobExceptions() {
    }

    /** One root exception of the history: Flink's error text, when it happened, and in which task, if in one. */
    record JobException(String text, Option<Instant> timestamp, Option<String> taskName) {

        /** The text first (a status may show only the start), then where and when. */
        String describe() {
            List<String> context = taskName.map(task -> "task: " + task).toList()
                    .appendAll(timestamp.map(at -> "at: " + at));
            return context.isEmpty() ? text : text + " (" + context.mkString(", ") + ")";
        }
    }

    /** The history as texts, newest first. */
    static List<String> texts(JsonNode answer) {
        return read(answer).map(JobException::describe);
    }

    /** The history, newest first; empty when the answer holds none. */
    static List<JobException> read(JsonNode answer) {
        JsonNode entries = answer.path("exceptionHistory").path("entries");
        List<JobException> history = entries.isArray()
                ? List.ofAll(entries).flatMap(JobExceptions::entry)
                : List.empty();
        if (history.isEmpty()) {
            history = text(answer.path("root-exception").asText(""), "").map(text -> new JobException(text, instant(answer.path("timestamp")), Option.none()))
                    .toList();
        }
        return history.sortBy(e -> -e.timestamp().map(Instant::toEpochMilli).getOrElse(Long.MIN_VALUE + 1));
    }

    private static Option<JobException> entry(JsonNode entry) {
        return text(entry.path("stacktrace").asText(""), entry.path("exceptionName").asText(""))
                .map(text -> new JobException(text, instant(entry.path("timestamp")), taskName(entry)));
    }

    /**
     * The entry's task; a job-wide failure (no task of its own, as when recovery is suppressed) is named by the task
     * whose failure came with it, the first of its concurrent exceptions that names one.
     */
    private static Option<String> taskName(JsonNode entry) {
        JsonNode concurrent = entry.path("concurrentExceptions");
        return nonBlank(entry.path("taskName"))
                .orElse(() -> concurrent.isArray() ? List.ofAll(concurrent).flatMap(c -> nonBlank(c.path("taskName"))).headOption() : Option.none());
    }

    /**
     * Flink's error text: the trace's first line and, when there is one, its last cause (the user's own exception is
     * usually the innermost); the exception's name when there is no trace.
     */
    static Option<String> text(String trace, String exceptionName) {
        if (trace.isBlank()) {
            return exceptionName.isBlank() ? Option.none() : Option.some(exceptionName.trim());
        }
        List<String> lines = List.of(trace.trim().split("\\R")).map(String::trim);
        String first = lines.head();
        return Option.some(lines.filter(l -> l.startsWith(CAUSED_BY)).lastOption()
                .map(cause -> first + " <- " + cause.substring(CAUSED_BY.length()))
                .getOrElse(first));
    }

    private static Option<Instant> instant(JsonNode millis) {
        return millis.canConvertToLong() && millis.asLong() > 0 ? Option.some(Instant.ofEpochMilli(millis.asLong())) : Option.none();
    }

    private static Option<String> nonBlank(JsonNode text) {
        return text.isTextual() && !text.asText().isBlank() ? Option.some(text.asText().trim()) : Option.none();
    }
}
