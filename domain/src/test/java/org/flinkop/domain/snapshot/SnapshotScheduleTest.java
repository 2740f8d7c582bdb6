package org.flinkop.domain.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.time.Instant;
import java.util.Map;
import org.flinkop.domain.resource.FlinkStateSnapshot;
import org.flinkop.domain.resource.JobKind;
import org.flinkop.domain.resource.ObjectMeta;
import org.flinkop.domain.resource.SnapshotFormatType;
import org.junit.jupiter.api.Test;

class SnapshotScheduleTest {

    private static final Instant START = Instant.parse("2026-11-02T10:00:00Z");

    @Test
    void a_duration_counts_from_the_last_snapshot_or_the_job_start() {
        assertThat(SnapshotSchedule.nextDue("6h", Option.none(), START)).contains(START.plusSeconds(6 * 3600));
        assertThat(SnapshotSchedule.nextDue("6h", Option.of(START.plusSeconds(60)), START)).contains(START.plusSeconds(6 * 3600 + 60));
    }

    @Test
    void zero_or_nothing_means_off() {
        assertThat(SnapshotSchedule.nextDue("0", Option.none(), START)).isEmpty();
        assertThat(SnapshotSchedule.nextDue(null, Option.none(), START)).isEmpty();
        assertThat(SnapshotSchedule.nextDue("", Option.none(), START)).isEmpty();
    }

    @Test
    void a_cron_expression_gives_its_next_fire_time() {
        assertThat(SnapshotSchedule.nextDue("0 0 * * * ?", Option.of(START.plusSeconds(90)), START)).contains(START.plusSeconds(3600));
    }

    @Test
    void the_snapshot_resource_is_named_after_what_asked_for_it() {
        FlinkStateSnapshot snapshot = SnapshotSchedule.snapshot(ObjectMeta.named("streaming", "orders"), JobKind.FLINK_DEPLOYMENT, SnapshotTriggerType.PERIODIC,
                true, "1793527200", Map.of("kubernetes.operator.savepoint.format.type", "native", "kubernetes.operator.savepoint.dispose-on-delete", "true"));

        assertThat(snapshot.metadata().name()).isEqualTo("orders-periodic-savepoint-1793527200");
        assertThat(snapshot.metadata().namespace()).isEqualTo("streaming");
        assertThat(snapshot.metadata().labels()).containsEntry("snapshot.type", "PERIODIC");
        assertThat(snapshot.spec().jobReference().name()).isEqualTo("orders");
        assertThat(snapshot.spec().savepoint().effectiveFormatType()).isEqualTo(SnapshotFormatType.NATIVE);
        assertThat(snapshot.spec().savepoint().effectiveDisposeOnDelete()).isTrue();
        assertThat(snapshot.spec().backoffLimit()).isZero();
    }
}
