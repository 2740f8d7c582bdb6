package org.flinkop.domain.snapshot;

import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import org.flinkop.domain.resource.FlinkStateSnapshot;
import org.flinkop.domain.resource.SnapshotState;
import org.flinkop.domain.resource.Spelled;

/**
 * Which of a job's snapshots to delete under {@code kubernetes.operator.savepoint.history.max.count} and
 * {@code ...max.age}. Never a manual snapshot, never the newest completed snapshot, never one whose path an
 * upgrade or suspended job still needs, and never one still in progress. Pure.
 */
public final class SnapshotRetention {

    private SnapshotRetention() {
    }

    /**
     * @param snapshots   the job's snapshots
     * @param maxCount    how many completed periodic and upgrade snapshots to keep, when limited
     * @param maxAge      how old a periodic or upgrade snapshot may get, when limited
     * @param neededPaths paths the status records as the way back (restore location, upgrade savepoint)
     * @param now         the time of this pass
     * @return the snapshots to delete, oldest first
     */
    public static List<FlinkStateSnapshot> expired(List<FlinkStateSnapshot> snapshots, Option<Integer> maxCount, Option<Duration> maxAge,
            Set<String> neededPaths, Instant now) {
        Option<FlinkStateSnapshot> newestCompleted = snapshots.filter(s -> state(s) == SnapshotState.COMPLETED).maxBy(Comparator.comparing(SnapshotRetention::time));
        List<FlinkStateSnapshot> candidates = snapshots
                .filter(s -> type(s) != SnapshotTriggerType.MANUAL)
                .filter(s -> state(s) == SnapshotState.COMPLETED || state(s) == SnapshotState.FAILED || state(s) == SnapshotState.ABANDONED)
                .filter(s -> !newestCompleted.contains(s))
                .filter(s -> s.status() == null || s.status().path() == null || !neededPaths.contains(s.status().path()))
                .sortBy(SnapshotRetention::time);
        List<FlinkStateSnapshot> tooOld = maxAge.map(age -> candidates.filter(s -> time(s).plus(age).isBefore(now))).getOrElse(List.empty());
        // every kept automatic, completed snapshot counts towards the limit, the protected ones included
        List<FlinkStateSnapshot> keptCompleted = snapshots.filter(s -> type(s) != SnapshotTriggerType.MANUAL && state(s) == SnapshotState.COMPLETED)
                .removeAll(tooOld).sortBy(SnapshotRetention::time);
        int excess = maxCount.map(max -> Math.max(0, keptCompleted.size() - max)).getOrElse(0);
        List<FlinkStateSnapshot> overCount = keptCompleted.filter(candidates::contains).take(excess);
        List<FlinkStateSnapshot> unfinished = candidates.filter(s -> state(s) != SnapshotState.COMPLETED && !tooOld.contains(s))
                // failed and abandoned attempts go as soon as a newer completed snapshot exists
                .filter(s -> newestCompleted.exists(n -> time(n).isAfter(time(s))));
        return tooOld.appendAll(overCount).appendAll(unfinished).distinct().sortBy(SnapshotRetention::time);
    }

    private static SnapshotState state(FlinkStateSnapshot s) {
        return s.status() == null ? null : s.status().state();
    }

    private static SnapshotTriggerType type(FlinkStateSnapshot s) {
        String label = s.metadata().labels().get(SnapshotTriggerType.LABEL);
        return label == null ? SnapshotTriggerType.MANUAL : Spelled.parse(SnapshotTriggerType.class, label).getOrElse(SnapshotTriggerType.MANUAL);
    }

    /** When the snapshot was taken: its result time, else its trigger time, else its creation. */
    private static Instant time(FlinkStateSnapshot s) {
        if (s.status() != null && s.status().resultTimestamp() != null) {
            return s.status().resultTimestamp();
        }
        if (s.status() != null && s.status().triggerTimestamp() != null) {
            return s.status().triggerTimestamp();
        }
        return s.metadata().creationTimestamp() == null ? Instant.EPOCH : s.metadata().creationTimestamp();
    }
}
