package org.flinkop.domain.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.flinkop.domain.Docs;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.observe.ObservedJob;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.decision.Action;
import org.flinkop.domain.decision.Decision;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.FlinkStateSnapshot;
import org.flinkop.domain.resource.FlinkStateSnapshotStatus;
import org.flinkop.domain.resource.ObjectMeta;
import org.flinkop.domain.resource.SnapshotFormatType;
import org.flinkop.domain.resource.SnapshotState;
import org.junit.jupiter.api.Test;

class SnapshotDeciderTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final SnapshotContext RUNNING = new SnapshotContext(true, Option.of(new ObservedJob("job-1", FlinkJobState.RUNNING)), Option.none(),
            Option.of("file:///flink-data/savepoints"));

    private FlinkStateSnapshot snapshot = snapshot(Docs.savepointSnapshot());

    private static FlinkStateSnapshot snapshot(Map<String, Object> doc) {
        Docs.set(doc, "metadata.uid", "5e1f");
        return (FlinkStateSnapshot) ResourceBinding.decode(doc).resource().get();
    }

    private Decision<FlinkStateSnapshotStatus> pass(SnapshotContext context, Instant now) {
        Decision<FlinkStateSnapshotStatus> d = SnapshotDecider.decide(snapshot, context, now, OperatorSettings.defaults());
        snapshot = snapshot.withStatus(d.statusToRecord());
        return d;
    }

    private static SnapshotContext with(TriggerResult result) {
        return new SnapshotContext(true, RUNNING.job(), Option.of(result), RUNNING.savepointDirectory());
    }

    @Test
    void a_savepoint_is_triggered_then_completed_with_its_path() {
        Decision<FlinkStateSnapshotStatus> trigger = pass(RUNNING, T0);

        Action.TriggerSavepoint sent = (Action.TriggerSavepoint) trigger.effects().single();
        assertThat(sent).isEqualTo(new Action.TriggerSavepoint("job-1", snapshot.status().triggerId(), "file:///flink-data/savepoints", SnapshotFormatType.CANONICAL));
        assertThat(snapshot.status().state()).isEqualTo(SnapshotState.IN_PROGRESS);

        assertThat(pass(with(new TriggerResult.InProgress()), T0.plusSeconds(1)).effects()).isEmpty();

        pass(with(new TriggerResult.Completed("file:///flink-data/savepoints/savepoint-1")), T0.plusSeconds(2));
        assertThat(snapshot.status().state()).isEqualTo(SnapshotState.COMPLETED);
        assertThat(snapshot.status().path()).isEqualTo("file:///flink-data/savepoints/savepoint-1");
        assertThat(snapshot.status().resultTimestamp()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void a_trigger_the_cluster_does_not_know_is_sent_again_under_the_same_id() {
        String first = ((Action.TriggerSavepoint) pass(RUNNING, T0).effects().single()).triggerId();

        Decision<FlinkStateSnapshotStatus> again = pass(with(new TriggerResult.Unknown()), T0.plusSeconds(1));

        assertThat(((Action.TriggerSavepoint) again.effects().single()).triggerId()).isEqualTo(first);
    }

    @Test
    void failures_are_retried_with_backoff_until_the_backoff_limit() {
        pass(RUNNING, T0);

        Decision<FlinkStateSnapshotStatus> firstFailure = pass(with(new TriggerResult.Failed("declined")), T0.plusSeconds(1));
        assertThat(snapshot.status().state()).isEqualTo(SnapshotState.TRIGGER_PENDING);
        assertThat(snapshot.status().failures()).isEqualTo(1);
        assertThat(firstFailure.lookAgainAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(pass(RUNNING, T0.plusSeconds(3)).effects()).as("still backing off").isEmpty();

        Decision<FlinkStateSnapshotStatus> retry = pass(RUNNING, T0.plusSeconds(7));
        assertThat(retry.effects()).singleElement().isInstanceOf(Action.TriggerSavepoint.class);

        pass(with(new TriggerResult.Failed("declined again")), T0.plusSeconds(8));
        assertThat(snapshot.status().state()).as("backoffLimit 1: the second failure is final").isEqualTo(SnapshotState.FAILED);
        assertThat(snapshot.status().error()).isEqualTo("declined again");
        assertThat(pass(RUNNING, T0.plusSeconds(60)).effects()).isEmpty();
    }

    @Test
    void without_a_backoff_limit_it_keeps_trying_with_growing_waits() {
        snapshot = snapshot(Docs.remove(Docs.savepointSnapshot(), "spec.backoffLimit"));
        Instant now = T0;
        pass(RUNNING, now);
        Duration previous = Duration.ZERO;
        for (int attempt = 1; attempt <= 6; attempt++) {
            now = now.plusSeconds(1);
            Decision<FlinkStateSnapshotStatus> failed = pass(with(new TriggerResult.Failed("declined")), now);
            assertThat(snapshot.status().state()).isEqualTo(SnapshotState.TRIGGER_PENDING);
            assertThat(failed.lookAgainAfter()).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(Duration.ofSeconds(60));
            previous = failed.lookAgainAfter();
            now = now.plus(failed.lookAgainAfter());
            pass(RUNNING, now);
        }
        assertThat(previous).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void a_snapshot_of_a_job_that_is_not_running_is_abandoned() {
        pass(new SnapshotContext(true, Option.of(new ObservedJob("job-1", FlinkJobState.FAILED)), Option.none(), Option.none()), T0);

        assertThat(snapshot.status().state()).isEqualTo(SnapshotState.ABANDONED);
        assertThat(snapshot.status().error()).isEqualTo("the job is not running");
    }

    @Test
    void a_snapshot_of_a_missing_resource_is_abandoned() {
        pass(new SnapshotContext(false, Option.none(), Option.none(), Option.none()), T0);

        assertThat(snapshot.status().error()).isEqualTo("the referenced FlinkDeployment does not exist");
    }

    @Test
    void an_existing_savepoint_is_completed_at_once() {
        snapshot = snapshot(Docs.set(Docs.set(Docs.savepointSnapshot(), "spec.savepoint.alreadyExists", true), "spec.savepoint.path", "file:///sp/old"));

        Decision<FlinkStateSnapshotStatus> d = pass(RUNNING, T0);

        assertThat(d.effects()).isEmpty();
        assertThat(snapshot.status().state()).isEqualTo(SnapshotState.COMPLETED);
        assertThat(snapshot.status().path()).isEqualTo("file:///sp/old");
    }

    @Test
    void a_checkpoint_is_triggered_as_a_checkpoint() {
        snapshot = snapshot(Docs.set(Docs.remove(Docs.savepointSnapshot(), "spec.savepoint"), "spec.checkpoint", Docs.tree()));

        assertThat(pass(RUNNING, T0).effects()).singleElement().isInstanceOf(Action.TriggerCheckpoint.class);
    }

    @Test
    void deleting_a_completed_savepoint_disposes_of_it_when_asked_to() {
        pass(RUNNING, T0);
        pass(with(new TriggerResult.Completed("file:///sp/savepoint-1")), T0.plusSeconds(1));
        deleteNow();

        assertThat(pass(RUNNING, T0.plusSeconds(2)).effects()).containsExactly(new Action.DisposeSavepoint("file:///sp/savepoint-1"), new Action.ReleaseResource());
    }

    @Test
    void deleting_keeps_the_savepoint_when_dispose_on_delete_is_off_or_it_never_completed() {
        snapshot = snapshot(Docs.set(Docs.savepointSnapshot(), "spec.savepoint.disposeOnDelete", false));
        pass(RUNNING, T0);
        pass(with(new TriggerResult.Completed("file:///sp/savepoint-1")), T0.plusSeconds(1));
        deleteNow();
        assertThat(pass(RUNNING, T0.plusSeconds(2)).effects()).containsExactly(new Action.ReleaseResource());

        snapshot = snapshot(Docs.savepointSnapshot());
        pass(RUNNING, T0);
        deleteNow();
        assertThat(pass(RUNNING, T0.plusSeconds(2)).effects()).containsExactly(new Action.ReleaseResource());
    }

    private void deleteNow() {
        ObjectMeta m = snapshot.metadata();
        snapshot = new FlinkStateSnapshot(new ObjectMeta(m.name(), m.namespace(), m.uid(), m.resourceVersion(), m.generation(), m.creationTimestamp(),
                T0.plusSeconds(2), m.labels(), m.annotations(), m.finalizers()), snapshot.spec(), snapshot.status());
    }
}
