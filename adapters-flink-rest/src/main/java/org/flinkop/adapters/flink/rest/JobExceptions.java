package org.flinkop.adapters.flink.rest;

import io.vavr.collection.List;
import io.vavr.collection.Stream;
import org.apache.flink.runtime.rest.messages.JobExceptionsInfoWithHistory;
import org.apache.flink.runtime.rest.messages.JobExceptionsInfoWithHistory.ExceptionInfo;

/** A job's exception history as texts: each root exception's first line and, when there is one, its last cause. */
final class JobExceptions {

    private static final String CAUSED_BY = "Caused by: ";

    private JobExceptions() {
    }

    static List<String> texts(JobExceptionsInfoWithHistory info) {
        if (info.getExceptionHistory() == null || info.getExceptionHistory().getEntries() == null) {
            return List.empty();
        }
        return List.ofAll(info.getExceptionHistory().getEntries()).map(JobExceptions::text);
    }

    static String text(ExceptionInfo exception) {
        String trace = exception.getStacktrace();
        if (trace == null || trace.isBlank()) {
            return exception.getExceptionName();
        }
        List<String> lines = List.of(trace.split("\\R")).map(String::trim);
        String first = lines.head();
        return Stream.ofAll(lines).filter(l -> l.startsWith(CAUSED_BY)).lastOption()
                .map(cause -> first + " <- " + cause.substring(CAUSED_BY.length()))
                .getOrElse(first);
    }
}
