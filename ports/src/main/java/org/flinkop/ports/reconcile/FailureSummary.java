package org.flinkop.ports.reconcile;

/**
 * A job failure as one line a user can read in a status: Flink reports a whole stack trace, whose first line says
 * what failed and whose deepest "Caused by" says why.
 */
final class FailureSummary {

    static final int MAX_LENGTH = 600;
    private static final String CAUSED_BY = "Caused by: ";

    private FailureSummary() {
    }

    static String of(String stackTrace) {
        String[] lines = stackTrace.strip().split("\\R");
        String first = lines[0].strip();
        String deepest = null;
        for (String line : lines) {
            if (line.strip().startsWith(CAUSED_BY)) {
                deepest = line.strip().substring(CAUSED_BY.length());
            }
        }
        String summary = deepest == null || deepest.equals(first) ? first : first + " (caused by " + deepest + ")";
        return summary.length() <= MAX_LENGTH ? summary : summary.substring(0, MAX_LENGTH - 1) + "…";
    }
}
