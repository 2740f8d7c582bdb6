package org.flinkop.domain.binding;

import java.util.Map;
import org.flinkop.domain.resource.CheckpointSpec;
import org.flinkop.domain.resource.FlinkStateSnapshotSpec;
import org.flinkop.domain.resource.FlinkStateSnapshotStatus;
import org.flinkop.domain.resource.JobKind;
import org.flinkop.domain.resource.JobReference;
import org.flinkop.domain.resource.SavepointSpec;
import org.flinkop.domain.resource.SnapshotFormatType;
import org.flinkop.domain.resource.SnapshotState;

/** The FlinkStateSnapshot spec and status. */
final class SnapshotBinding {

    private SnapshotBinding() {
    }

    static FlinkStateSnapshotSpec decodeSpec(ObjectReader r) {
        return new FlinkStateSnapshotSpec(
                r.object("jobReference", j -> new JobReference(j.spelled("kind", JobKind.class), j.string("name"))),
                r.object("savepoint", s -> new SavepointSpec(
                        s.string("path"), s.spelled("formatType", SnapshotFormatType.class), s.bool("disposeOnDelete"), s.bool("alreadyExists"))),
                r.object("checkpoint", c -> new CheckpointSpec()),
                r.integer("backoffLimit"));
    }

    static Map<String, Object> encodeSpec(FlinkStateSnapshotSpec spec) {
        return new ObjectWriter()
                .put("jobReference", spec.jobReference(), j -> new ObjectWriter().put("kind", j.kind()).put("name", j.name()).build())
                .put("savepoint", spec.savepoint(), s -> new ObjectWriter()
                        .put("path", s.path())
                        .put("formatType", s.formatType())
                        .put("disposeOnDelete", s.disposeOnDelete())
                        .put("alreadyExists", s.alreadyExists())
                        .build())
                .put("checkpoint", spec.checkpoint(), c -> new ObjectWriter().build())
                .put("backoffLimit", spec.backoffLimit())
                .build();
    }

    static FlinkStateSnapshotStatus decodeStatus(ObjectReader r) {
        return new FlinkStateSnapshotStatus(
                r.spelled("state", SnapshotState.class),
                r.string("triggerId"),
                r.instant("triggerTimestamp", true),
                r.instant("resultTimestamp", true),
                r.string("path"),
                r.string("error"),
                r.integer("failures"));
    }

    static Map<String, Object> encodeStatus(FlinkStateSnapshotStatus status) {
        return new ObjectWriter()
                .put("state", status.state())
                .put("triggerId", status.triggerId())
                .put("triggerTimestamp", status.triggerTimestamp())
                .put("resultTimestamp", status.resultTimestamp())
                .put("path", status.path())
                .put("error", status.error())
                .put("failures", status.failures())
                .build();
    }
}
