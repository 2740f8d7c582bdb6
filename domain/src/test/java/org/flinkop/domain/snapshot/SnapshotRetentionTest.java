package org.flinkop.domain.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.flinkop.domain.resource.FlinkStateSnapshot;
import org.flinkop.domain.resource.FlinkStateSnapshotStatus;
import org.flinkop.domain.resource.JobKind;
import org.flinkop.domain.resource.ObjectMeta;
import org.flinkop.domain.resource.SnapshotState;
import org.junit.jupiter.api.Test;

class SnapshotRetentionTest {

    private static final Instant NOW = Instant.parse("2026-11-10T00:00:00Z");

    private static FlinkStateSnapshot snapshot(String name, SnapshotTriggerType type, SnapshotState state, int daysAgo) {
        FlinkStateSnapshot base = SnapshotSchedule.snapshot(ObjectMeta.named("ns", "orders"), JobKind.FLINK_DEPLOYMENT, type, true, name, Map.of());
        Instant at = NOW.minus(Duration.ofDays(daysAgo));
        return base.withStatus(new FlinkStateSnapshotStatus(state, "t-" + name, at, at, state == SnapshotState.COMPLETED ? "file:///sp/" + name : null, null, 0));
    }

    private static List<String> names(List<FlinkStateSnapshot> snapshots) {
        return snapshots.map(s -> s.metadata().name().replace("orders-periodic-savepoint-", "").replace("orders-manual-savepoint-", "").replace("orders-upgrade-savepoint-", ""));
    }

    private final List<FlinkStateSnapshot> history = List.of(
            snapshot("p1", SnapshotTriggerType.PERIODIC, SnapshotState.COMPLETED, 9),
            snapshot("m1", SnapshotTriggerType.MANUAL, SnapshotState.COMPLETED, 8),
            snapshot("p2", SnapshotTriggerType.PERIODIC, SnapshotState.COMPLETED, 7),
            snapshot("u1", SnapshotTriggerType.UPGRADE, SnapshotState.COMPLETED, 5),
            snapshot("f1", SnapshotTriggerType.PERIODIC, SnapshotState.FAILED, 4),
            snapshot("p3", SnapshotTriggerType.PERIODIC, SnapshotState.COMPLETED, 2),
            snapshot("i1", SnapshotTriggerType.PERIODIC, SnapshotState.IN_PROGRESS, 0));

    @Test
    void keeps_the_newest_up_to_the_count_and_drops_attempts_that_failed_before_them() {
        assertThat(names(SnapshotRetention.expired(history, Option.of(2), Option.none(), Set.of(), NOW))).containsExactly("p1", "p2", "f1");
    }

    @Test
    void drops_what_is_older_than_the_maximum_age() {
        assertThat(names(SnapshotRetention.expired(history, Option.none(), Option.of(Duration.ofDays(6)), Set.of(), NOW))).containsExactly("p1", "p2", "f1");
    }

    @Test
    void never_drops_manual_snapshots_the_newest_completed_one_or_one_still_in_progress() {
        List<String> expired = names(SnapshotRetention.expired(history, Option.of(0), Option.of(Duration.ZERO), Set.of(), NOW));

        assertThat(expired).doesNotContain("m1", "p3", "i1").containsExactly("p1", "p2", "u1", "f1");
    }

    @Test
    void never_drops_a_savepoint_an_upgrade_still_needs() {
        assertThat(names(SnapshotRetention.expired(history, Option.of(1), Option.none(), Set.of("file:///sp/u1"), NOW))).doesNotContain("u1");
    }

    @Test
    void without_limits_only_superseded_failures_go() {
        assertThat(names(SnapshotRetention.expired(history, Option.none(), Option.none(), Set.of(), NOW))).containsExactly("f1");
    }
}
