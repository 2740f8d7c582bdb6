package org.flinkop.domain.validation;

import java.util.ArrayList;
import java.util.List;

/** The violations found by one validation call; local to that call. */
final class Checks {

    private final List<Violation> found = new ArrayList<>();

    void add(String path, Reason reason, String problem, String allowed) {
        found.add(new Violation(path, reason, problem, allowed));
    }

    /** Reports {@code path} as missing when {@code value} is {@code null} or blank; true when it is present. */
    boolean require(String path, Object value, String allowed) {
        if (value == null || value instanceof String text && text.isBlank()) {
            add(path, Reason.MISSING_FIELD, "is required", allowed);
            return false;
        }
        return true;
    }

    io.vavr.collection.List<Violation> all() {
        return io.vavr.collection.List.ofAll(found);
    }
}
