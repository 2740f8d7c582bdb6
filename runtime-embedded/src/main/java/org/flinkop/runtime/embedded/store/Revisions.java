package org.flinkop.runtime.embedded.store;

import java.time.Instant;
import java.util.List;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.FlinkSessionJobStatus;
import org.flinkop.domain.resource.FlinkStateSnapshot;
import org.flinkop.domain.resource.FlinkStateSnapshotStatus;
import org.flinkop.domain.resource.ObjectMeta;

/** The next revision of a stored resource: the same resource with other metadata, status or spec. */
final class Revisions {

    private Revisions() {
    }

    static ObjectMeta withVersion(ObjectMeta m, String version) {
        return new ObjectMeta(m.name(), m.namespace(), m.uid(), version, m.generation(), m.creationTimestamp(), m.deletionTimestamp(),
                m.labels(), m.annotations(), m.finalizers());
    }

    static ObjectMeta withFinalizers(ObjectMeta m, String version, List<String> finalizers) {
        return new ObjectMeta(m.name(), m.namespace(), m.uid(), version, m.generation(), m.creationTimestamp(), m.deletionTimestamp(),
                m.labels(), m.annotations(), finalizers);
    }

    static ObjectMeta withDeletion(ObjectMeta m, String version, Instant deletionTimestamp) {
        return new ObjectMeta(m.name(), m.namespace(), m.uid(), version, m.generation(), m.creationTimestamp(), deletionTimestamp,
                m.labels(), m.annotations(), m.finalizers());
    }

    /** {@code spec}'s kind and spec with {@code meta} and {@code status}; the status must be of the same kind. */
    static FlinkResource with(FlinkResource spec, ObjectMeta meta, Object status) {
        if (spec instanceof FlinkDeployment d) {
            return new FlinkDeployment(meta, d.spec(), (FlinkDeploymentStatus) status);
        }
        if (spec instanceof FlinkSessionJob j) {
            return new FlinkSessionJob(meta, j.spec(), (FlinkSessionJobStatus) status);
        }
        FlinkStateSnapshot s = (FlinkStateSnapshot) spec;
        return new FlinkStateSnapshot(meta, s.spec(), (FlinkStateSnapshotStatus) status);
    }
}
