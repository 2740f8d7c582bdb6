package org.flinkop.domain.reconcile;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Job and trigger ids derived from what the status records, never random: a decision repeated after a crash
 * names the same job and the same savepoint, so the runtime can tell "already done" from "not yet done".
 */
final class Ids {

    private Ids() {
    }

    /** A 32-hex-digit Flink job id for the deployment of one resource that began at {@code since}. */
    static String jobId(String uid, String name, long generation, long since) {
        return UUID.nameUUIDFromBytes(("job:" + uid + ":" + name + ":" + generation + ":" + since).getBytes(StandardCharsets.UTF_8))
                .toString().replace("-", "");
    }

    /** A savepoint trigger id for one attempt of one upgrade. */
    static String savepointTrigger(String jobId, long since, int attempt) {
        return UUID.nameUUIDFromBytes(("savepoint:" + jobId + ":" + since + ":" + attempt).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
