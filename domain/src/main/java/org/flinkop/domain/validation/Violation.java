package org.flinkop.domain.validation;

import java.util.Objects;

/**
 * One thing wrong with a resource.
 *
 * @param path    where, as a field path ({@code spec.job.parallelism}, {@code spec.podTemplate.spec.containers[0]})
 * @param reason  the named reason
 * @param problem what is wrong, naming the value found
 * @param allowed what would be accepted instead
 */
public record Violation(String path, Reason reason, String problem, String allowed) {

    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(allowed, "allowed");
    }

    /** One line: {@code spec.job.parallelism: must be at least 1, was 0 (allowed: 1 to 32768) [OUT_OF_RANGE]}. */
    public String describe() {
        return path + ": " + problem + " (allowed: " + allowed + ") [" + reason + "]";
    }

    @Override
    public String toString() {
        return describe();
    }
}
