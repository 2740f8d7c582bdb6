package org.flinkop.domain.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.flinkop.domain.observe.CompletedCheckpoint;
import org.flinkop.domain.observe.Observed;
import org.flinkop.domain.observe.ObservedJob;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.UpgradeMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The upgrade path table of domain/DESIGN.md, row by row. */
class UpgradePlannerTest {

    private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");
    private static final String YOUNG = "young";
    private static final String OLD = "old";
    private static final String NONE = "none";

    static Stream<Arguments> table() {
        return Stream.of(
                // mode, JobManager, job state (null: no job), HA metadata, checkpoint, version change, savepoint recorded -> path
                row(UpgradeMode.STATELESS, "READY", FlinkJobState.RUNNING, true, YOUNG, false, false, "Stateless"),
                row(UpgradeMode.STATELESS, "MISSING", null, false, NONE, false, false, "Stateless"),
                row(UpgradeMode.SAVEPOINT, "READY", FlinkJobState.RUNNING, true, YOUNG, false, false, "ViaSavepoint"),
                row(UpgradeMode.LAST_STATE, "READY", FlinkJobState.RUNNING, true, YOUNG, false, false, "LastStateFromHa"),
                row(UpgradeMode.LAST_STATE, "READY", FlinkJobState.RUNNING, false, YOUNG, false, false, "LastStateViaCancel"),
                row(UpgradeMode.LAST_STATE, "READY", FlinkJobState.RUNNING, false, OLD, false, false, "ViaSavepoint"),
                row(UpgradeMode.LAST_STATE, "READY", FlinkJobState.RUNNING, false, NONE, false, false, "ViaSavepoint"),
                row(UpgradeMode.LAST_STATE, "READY", FlinkJobState.RUNNING, true, YOUNG, true, false, "LastStateViaCancel"),
                row(UpgradeMode.SAVEPOINT, "READY", FlinkJobState.RESTARTING, true, NONE, false, false, "LastStateFromHa"),
                row(UpgradeMode.SAVEPOINT, "READY", FlinkJobState.RESTARTING, false, YOUNG, false, false, "RestoreFrom"),
                row(UpgradeMode.SAVEPOINT, "READY", FlinkJobState.RESTARTING, false, OLD, false, false, "Wait"),
                row(UpgradeMode.SAVEPOINT, "READY", FlinkJobState.CANCELLING, true, YOUNG, false, false, "Wait"),
                row(UpgradeMode.SAVEPOINT, "DEPLOYING", null, false, NONE, false, false, "Wait"),
                row(UpgradeMode.SAVEPOINT, "READY", FlinkJobState.FAILED, false, OLD, false, false, "RestoreFrom"),
                row(UpgradeMode.SAVEPOINT, "READY", FlinkJobState.FINISHED, false, NONE, false, true, "RestoreFrom"),
                row(UpgradeMode.LAST_STATE, "READY", FlinkJobState.FAILED, false, NONE, false, false, "Blocked:NO_STATE_TO_RESTORE"),
                row(UpgradeMode.LAST_STATE, "MISSING", null, true, NONE, false, false, "LastStateFromHa"),
                row(UpgradeMode.LAST_STATE, "MISSING", null, true, NONE, true, false, "Blocked:MANUAL_RESTORE_REQUIRED"),
                row(UpgradeMode.SAVEPOINT, "MISSING", null, false, NONE, false, false, "Blocked:MANUAL_RESTORE_REQUIRED"));
    }

    @ParameterizedTest(name = "{0} {1} {2} ha={3} checkpoint={4} versionChange={5} savepoint={6} -> {7}")
    @MethodSource("table")
    void chooses_the_path(UpgradeMode mode, String jobManager, FlinkJobState job, boolean ha, String checkpoint, boolean versionChange,
            boolean savepointRecorded, String expected) {
        Option<CompletedCheckpoint> cp = switch (checkpoint) {
            case YOUNG -> Option.of(new CompletedCheckpoint("file:///cp/young", NOW.minusSeconds(30)));
            case OLD -> Option.of(new CompletedCheckpoint("file:///cp/old", NOW.minus(Duration.ofHours(2))));
            default -> Option.none();
        };
        Observed observed = new Observed(JobManagerDeploymentStatus.valueOf(jobManager), Option.of(job).map(s -> new ObservedJob("j", s)), true, ha, cp,
                Option.none(), Option.none());

        UpgradePath path = UpgradePlanner.plan(new UpgradePlanner.Situation(mode, observed, savepointRecorded ? Option.of("file:///sp/1") : Option.none(),
                versionChange, Option.of(Duration.ofMinutes(10)), NOW));

        String actual = path.getClass().getSimpleName()
                + (path instanceof UpgradePath.Blocked b ? ":" + b.reason() : "");
        assertThat(actual).isEqualTo(expected);
    }

    private static Arguments row(Object... values) {
        return Arguments.of(values);
    }
}
