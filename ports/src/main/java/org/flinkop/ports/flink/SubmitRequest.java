package org.flinkop.ports.flink;

import java.util.List;
import java.util.Objects;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.ports.artifact.Artifact;

/**
 * A job submission to a session cluster.
 *
 * @param jobId                 the fixed job id (idempotency)
 * @param jar                   the fetched job jar
 * @param entryClass            the main class, or null for the jar's manifest
 * @param args                  program arguments
 * @param parallelism           the job's parallelism, or null for the cluster default
 * @param restoreFrom           a savepoint or checkpoint to restore from ({@code NONE}: empty state)
 * @param allowNonRestoredState whether state with no matching operator may be skipped
 */
public record SubmitRequest(String jobId, Artifact jar, String entryClass, List<String> args, Integer parallelism, StateLocation restoreFrom,
        boolean allowNonRestoredState) {

    public SubmitRequest {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(jar, "jar");
        Objects.requireNonNull(restoreFrom, "restoreFrom");
        args = args == null ? List.of() : List.copyOf(args);
    }
}
