package org.flinkop.domain.binding;

import java.util.Map;
import java.util.function.Function;
import org.flinkop.domain.resource.ClusterHealth;
import org.flinkop.domain.resource.Condition;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.FlinkSessionJobSpec;
import org.flinkop.domain.resource.FlinkSessionJobStatus;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.JobStatus;
import org.flinkop.domain.resource.ReconciliationState;
import org.flinkop.domain.resource.ReconciliationStatus;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.domain.resource.StateLocationKind;
import org.flinkop.domain.resource.TaskManagerInfo;
import org.flinkop.domain.resource.UpgradePhase;
import org.flinkop.domain.resource.UpgradeProgress;

/**
 * The statuses of FlinkDeployment and FlinkSessionJob. Fields the Apache operator writes and this operator does
 * not keep ({@code savepointInfo}, {@code checkpointInfo}) are tolerated, so a resource taken over from it reads.
 */
final class StatusBinding {

    private StatusBinding() {
    }

    static FlinkDeploymentStatus decodeDeployment(ObjectReader r) {
        return new FlinkDeploymentStatus(
                r.object("jobStatus", StatusBinding::decodeJobStatus),
                r.string("error"),
                r.longValue("observedGeneration"),
                r.spelled("lifecycleState", ResourceLifecycleState.class),
                r.stringMap("clusterInfo"),
                r.spelled("jobManagerDeploymentStatus", JobManagerDeploymentStatus.class),
                r.object("reconciliationStatus", rs -> decodeReconciliation(rs, DeploymentSpecBinding::decode)),
                r.object("taskManager", t -> new TaskManagerInfo(t.string("labelSelector"), t.integer("replicas"))),
                r.objects("conditions", StatusBinding::decodeCondition),
                r.object("clusterHealth", h -> new ClusterHealth(h.integer("restartCount"), h.instant("restartCountSince", false))));
    }

    static Map<String, Object> encodeDeployment(FlinkDeploymentStatus status) {
        return new ObjectWriter()
                .put("jobStatus", status.jobStatus(), StatusBinding::encodeJobStatus)
                .put("error", status.error())
                .put("observedGeneration", status.observedGeneration())
                .put("lifecycleState", status.lifecycleState())
                .put("clusterInfo", status.clusterInfo())
                .put("jobManagerDeploymentStatus", status.jobManagerDeploymentStatus())
                .put("reconciliationStatus", status.reconciliationStatus(), rs -> encodeReconciliation(rs, DeploymentSpecBinding::encode))
                .put("taskManager", status.taskManager(), t -> new ObjectWriter().put("labelSelector", t.labelSelector()).put("replicas", t.replicas()).build())
                .putAll("conditions", status.conditions(), StatusBinding::encodeCondition)
                .put("clusterHealth", status.clusterHealth(), h -> new ObjectWriter().put("restartCount", h.restartCount()).put("restartCountSince", h.restartCountSince()).build())
                .build();
    }

    static FlinkSessionJobStatus decodeSessionJob(ObjectReader r) {
        return new FlinkSessionJobStatus(
                r.object("jobStatus", StatusBinding::decodeJobStatus),
                r.string("error"),
                r.longValue("observedGeneration"),
                r.spelled("lifecycleState", ResourceLifecycleState.class),
                r.object("reconciliationStatus", rs -> decodeReconciliation(rs, JobSpecBinding::decodeSessionJob)),
                r.objects("conditions", StatusBinding::decodeCondition));
    }

    static Map<String, Object> encodeSessionJob(FlinkSessionJobStatus status) {
        return new ObjectWriter()
                .put("jobStatus", status.jobStatus(), StatusBinding::encodeJobStatus)
                .put("error", status.error())
                .put("observedGeneration", status.observedGeneration())
                .put("lifecycleState", status.lifecycleState())
                .put("reconciliationStatus", status.reconciliationStatus(), rs -> encodeReconciliation(rs, JobSpecBinding::encodeSessionJob))
                .putAll("conditions", status.conditions(), StatusBinding::encodeCondition)
                .build();
    }

    private static JobStatus decodeJobStatus(ObjectReader r) {
        r.tolerate("savepointInfo", "checkpointInfo");
        return new JobStatus(
                r.string("jobName"),
                r.string("jobId"),
                r.spelled("state", FlinkJobState.class),
                r.instant("startTime", true),
                r.instant("updateTime", true),
                r.string("upgradeSavepointPath"),
                r.instant("lastPeriodicSavepointTimestamp", true),
                r.instant("lastPeriodicCheckpointTimestamp", true));
    }

    private static Map<String, Object> encodeJobStatus(JobStatus status) {
        return new ObjectWriter()
                .put("jobName", status.jobName())
                .put("jobId", status.jobId())
                .put("state", status.state())
                .put("startTime", status.startTime())
                .put("updateTime", status.updateTime())
                .put("upgradeSavepointPath", status.upgradeSavepointPath())
                .put("lastPeriodicSavepointTimestamp", status.lastPeriodicSavepointTimestamp())
                .put("lastPeriodicCheckpointTimestamp", status.lastPeriodicCheckpointTimestamp())
                .build();
    }

    private static <S> ReconciliationStatus<S> decodeReconciliation(ObjectReader r, Function<ObjectReader, S> spec) {
        return new ReconciliationStatus<>(
                r.longValue("reconciliationTimestamp"),
                r.object("lastReconciledSpec", spec),
                r.object("lastStableSpec", spec),
                r.spelled("state", ReconciliationState.class),
                r.object("upgrade", StatusBinding::decodeUpgrade));
    }

    private static <S> Map<String, Object> encodeReconciliation(ReconciliationStatus<S> status, Function<S, Map<String, Object>> spec) {
        return new ObjectWriter()
                .put("reconciliationTimestamp", status.reconciliationTimestamp())
                .put("lastReconciledSpec", status.lastReconciledSpec(), spec)
                .put("lastStableSpec", status.lastStableSpec(), spec)
                .put("state", status.state())
                .put("upgrade", status.upgrade(), StatusBinding::encodeUpgrade)
                .build();
    }

    private static UpgradeProgress decodeUpgrade(ObjectReader r) {
        return new UpgradeProgress(
                r.spelled("phase", UpgradePhase.class),
                r.object("restoreFrom", StatusBinding::decodeLocation),
                r.string("jobId"),
                r.instant("startedAt", false),
                r.integer("attempts"));
    }

    private static StateLocation decodeLocation(ObjectReader r) {
        StateLocationKind kind = r.spelled("kind", StateLocationKind.class);
        return new StateLocation(kind == null ? StateLocationKind.NONE : kind, r.string("path"), r.string("savepointTriggerId"));
    }

    private static Map<String, Object> encodeUpgrade(UpgradeProgress upgrade) {
        return new ObjectWriter()
                .put("phase", upgrade.phase())
                .put("restoreFrom", upgrade.restoreFrom(), l -> new ObjectWriter()
                        .put("kind", l.kind()).put("path", l.path()).put("savepointTriggerId", l.savepointTriggerId()).build())
                .put("jobId", upgrade.jobId())
                .put("startedAt", upgrade.startedAt())
                .put("attempts", upgrade.attempts())
                .build();
    }

    private static Condition decodeCondition(ObjectReader r) {
        return new Condition(
                r.string("type"),
                r.string("status"),
                r.string("reason"),
                r.string("message"),
                r.instant("lastTransitionTime", false),
                r.longValue("observedGeneration"));
    }

    private static Map<String, Object> encodeCondition(Condition c) {
        return new ObjectWriter()
                .put("type", c.type())
                .put("status", c.status())
                .put("reason", c.reason())
                .put("message", c.message())
                .put("lastTransitionTime", c.lastTransitionTime())
                .put("observedGeneration", c.observedGeneration())
                .build();
    }
}
