package org.flinkop.domain.observe;

import java.util.Objects;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.StateLocation;

/**
 * A cluster found under the name a FlinkDeployment's cluster would take, while the resource's status records no
 * deployment: one deployed for it before its status was lost (overwritten by another writer, or restored from a
 * backup without it), which records what it was deployed from, or one the resource cannot take as its own.
 */
public sealed interface PriorCluster {

    /**
     * A cluster deployed for the resource with uid {@code ownerUid}, from {@code spec}, that restored from
     * {@code restoreFrom} and runs its job under {@code jobId} (null for a session cluster).
     */
    record Recorded(String ownerUid, FlinkDeploymentSpec spec, StateLocation restoreFrom, String jobId) implements PriorCluster {
        public Recorded {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(restoreFrom, "restoreFrom");
        }
    }

    /** A cluster, or an object in its place, that is not one to adopt; {@code what} says what it is and why not. */
    record Unadoptable(String what) implements PriorCluster {
        public Unadoptable {
            Objects.requireNonNull(what, "what");
        }
    }
}
