package org.flinkop.domain.binding;

import java.util.ArrayList;
import java.util.List;
import org.flinkop.domain.validation.Reason;
import org.flinkop.domain.validation.Violation;

/** Collects the violations of one decode call; local to that call, never shared. */
final class Problems {

    private final List<Violation> found = new ArrayList<>();

    void add(String path, Reason reason, String problem, String allowed) {
        found.add(new Violation(path, reason, problem, allowed));
    }

    io.vavr.collection.List<Violation> all() {
        return io.vavr.collection.List.ofAll(found);
    }
}
