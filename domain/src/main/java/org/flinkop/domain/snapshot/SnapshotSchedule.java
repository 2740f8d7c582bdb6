package org.flinkop.domain.snapshot;

import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.flinkop.domain.config.FlinkDuration;
import org.flinkop.domain.config.QuartzCron;
import org.flinkop.domain.resource.CheckpointSpec;
import org.flinkop.domain.resource.FlinkStateSnapshot;
import org.flinkop.domain.resource.FlinkStateSnapshotSpec;
import org.flinkop.domain.resource.JobKind;
import org.flinkop.domain.resource.JobReference;
import org.flinkop.domain.resource.ObjectMeta;
import org.flinkop.domain.resource.SavepointSpec;
import org.flinkop.domain.resource.SnapshotFormatType;
import org.flinkop.domain.resource.Spelled;

/** When periodic snapshots are due, and the FlinkStateSnapshot resources that carry out periodic and manual ones. Pure. */
public final class SnapshotSchedule {

    static final String FORMAT_TYPE = "kubernetes.operator.savepoint.format.type";
    static final String DISPOSE_ON_DELETE = "kubernetes.operator.savepoint.dispose-on-delete";

    private SnapshotSchedule() {
    }

    /**
     * When the next periodic snapshot is due, for an interval that is a duration ({@code 6h}; {@code 0} is off) or
     * a Quartz cron expression; counted from the last one, or from {@code since} (the job's start) before any.
     */
    public static Option<Instant> nextDue(String interval, Option<Instant> last, Instant since) {
        if (interval == null || interval.isBlank()) {
            return Option.none();
        }
        Instant from = last.getOrElse(since);
        Option<Duration> duration = FlinkDuration.parse(interval);
        if (duration.isDefined()) {
            return duration.get().isZero() ? Option.none() : Option.of(from.plus(duration.get()));
        }
        return QuartzCron.parse(interval).flatMap(cron -> cron.nextAfter(from));
    }

    /**
     * The FlinkStateSnapshot of a job, named so that asking twice for the same one gives the same name:
     * {@code <resource>-<periodic|manual>-<savepoint|checkpoint>-<suffix>}.
     */
    public static FlinkStateSnapshot snapshot(ObjectMeta owner, JobKind kind, SnapshotTriggerType type, boolean savepoint, String suffix,
            Map<String, String> configuration) {
        String name = owner.name() + "-" + type.spelling().toLowerCase(Locale.ROOT) + "-" + (savepoint ? "savepoint" : "checkpoint") + "-" + suffix;
        ObjectMeta meta = new ObjectMeta(name, owner.namespace(), null, null, null, null, null,
                Map.of(SnapshotTriggerType.LABEL, type.spelling()), null, null);
        SnapshotFormatType format = Option.of(configuration.get(FORMAT_TYPE)).flatMap(f -> Spelled.parse(SnapshotFormatType.class, f.trim().toUpperCase(Locale.ROOT)))
                .getOrElse(SnapshotFormatType.CANONICAL);
        boolean dispose = Boolean.parseBoolean(configuration.getOrDefault(DISPOSE_ON_DELETE, "false").trim());
        FlinkStateSnapshotSpec spec = new FlinkStateSnapshotSpec(new JobReference(kind, owner.name()),
                savepoint ? new SavepointSpec(null, format, dispose, false) : null,
                savepoint ? null : new CheckpointSpec(),
                // a periodic snapshot is not retried: the next period takes another
                type == SnapshotTriggerType.PERIODIC ? 0 : -1);
        return new FlinkStateSnapshot(meta, spec, null);
    }
}
