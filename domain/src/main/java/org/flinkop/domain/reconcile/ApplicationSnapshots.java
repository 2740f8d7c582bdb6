package org.flinkop.domain.reconcile;

import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import org.flinkop.domain.decision.Action.EventType;
import org.flinkop.domain.decision.Action;
import org.flinkop.domain.decision.EventReason;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.JobKind;
import org.flinkop.domain.snapshot.SnapshotSchedule;
import org.flinkop.domain.snapshot.SnapshotTriggerType;

/** Snapshots an application pass asks for: periodic ones when due, and one per changed trigger nonce. */
final class ApplicationSnapshots {

    private ApplicationSnapshots() {
    }

    /** A changed savepointTriggerNonce or checkpointTriggerNonce asks for one snapshot, named after the nonce. */
    static void manualSnapshots(ApplicationPass p, FlinkDeploymentSpec last) {
        Long savepointNonce = p.spec.job().savepointTriggerNonce();
        if (savepointNonce != null && !savepointNonce.equals(last.job().savepointTriggerNonce())) {
            createSnapshot(p, SnapshotTriggerType.MANUAL, true, "nonce-" + savepointNonce);
        }
        Long checkpointNonce = p.spec.job().checkpointTriggerNonce();
        if (checkpointNonce != null && !checkpointNonce.equals(last.job().checkpointTriggerNonce())) {
            createSnapshot(p, SnapshotTriggerType.MANUAL, false, "nonce-" + checkpointNonce);
        }
    }

    /**
     * Creates the periodic snapshot when it is due, recording the request time first; returns how long until
     * the next one is due (the reconcile interval when there is no schedule).
     */
    static Duration periodicSnapshot(ApplicationPass p, boolean savepoint, String intervalKey) {
        ApplicationPass.JobStatusView job = new ApplicationPass.JobStatusView(p.draft.jobStatus());
        Option<Instant> last = savepoint ? job.lastPeriodicSavepoint() : job.lastPeriodicCheckpoint();
        Option<Instant> due = SnapshotSchedule.nextDue(p.spec.configuration().get(intervalKey), last, job.startTime().getOrElse(p.now));
        if (due.isEmpty()) {
            return p.settings.reconcileInterval();
        }
        if (due.get().isAfter(p.now)) {
            return Duration.between(p.now, due.get());
        }
        p.draft.periodicSnapshot(savepoint, p.now);
        createSnapshot(p, SnapshotTriggerType.PERIODIC, savepoint, Long.toString(p.now.getEpochSecond()));
        return SnapshotSchedule.nextDue(p.spec.configuration().get(intervalKey), Option.of(p.now), p.now)
                .map(next -> Duration.between(p.now, next)).getOrElse(p.settings.reconcileInterval());
    }

    static void createSnapshot(ApplicationPass p, SnapshotTriggerType type, boolean savepoint, String suffix) {
        var snapshot = SnapshotSchedule.snapshot(p.resource.metadata(), JobKind.FLINK_DEPLOYMENT, type, savepoint, suffix, p.spec.configuration());
        p.event(EventReason.SNAPSHOT_TRIGGERED, EventType.NORMAL, type.spelling().toLowerCase(java.util.Locale.ROOT) + " "
                + (savepoint ? "savepoint" : "checkpoint") + " requested as " + snapshot.metadata().name());
        p.act(new Action.CreateSnapshot(snapshot));
    }
}
