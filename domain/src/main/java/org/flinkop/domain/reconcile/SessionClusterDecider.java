package org.flinkop.domain.reconcile;

import io.vavr.collection.List;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.flinkop.domain.decision.Action;
import org.flinkop.domain.decision.Action.EventType;
import org.flinkop.domain.decision.Decision;
import org.flinkop.domain.decision.EventReason;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.diff.DiffType;
import org.flinkop.domain.diff.SpecDiff;
import org.flinkop.domain.observe.Observed;
import org.flinkop.domain.resource.Condition;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.ReconciliationState;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.domain.resource.StateLocation;

/**
 * Decides one pass for a FlinkDeployment session cluster (no {@code job}). The cluster holds no state of its
 * own, but the session jobs on it do, and it cannot record where theirs goes: so it is never restarted for an
 * upgrade, nor deleted, while session jobs use it; the user suspends or deletes them first. Pure.
 */
public final class SessionClusterDecider {

    private SessionClusterDecider() {
    }

    /**
     * @param sessionJobs how many FlinkSessionJobs name this cluster and are not suspended (from the store)
     */
    public static Decision<FlinkDeploymentStatus> decide(FlinkDeployment desired, Observed observed, int sessionJobs, Instant now, OperatorSettings operatorDefaults) {
        FlinkDeploymentSpec spec = Objects.requireNonNull(desired.spec(), "spec");
        OperatorSettings settings = operatorDefaults.overriddenBy(spec.configuration());
        DeploymentStatusDraft draft = new DeploymentStatusDraft(desired.status())
                .jobManager(observed.jobManager())
                .observedGeneration(desired.metadata().generation());
        List<Action> actions = List.empty();
        boolean present = observed.jobManager() != JobManagerDeploymentStatus.MISSING;

        if (desired.metadata().deletionTimestamp() != null) {
            if (sessionJobs > 0) {
                String why = sessionJobs + " session job(s) still run on this cluster; delete or suspend them first";
                draft.lifecycle(ResourceLifecycleState.DELETING).error(why);
                return new Decision<>(draft.build(), List.of(event(EventReason.SESSION_JOBS_RUNNING, EventType.WARNING, why)), settings.reconcileInterval());
            }
            if (!present && !observed.haMetadataPresent()) {
                draft.lifecycle(ResourceLifecycleState.DELETED);
                return new Decision<>(draft.build(), List.of(new Action.ReleaseResource()), Duration.ZERO);
            }
            boolean leavesNothing = ClusterRemoval.leavesNothing(observed.haMetadataPresent(), spec, draft.lastReconciledSpec());
            actions = ClusterRemoval.overdue(!present, observed.haMetadataPresent(), desired.metadata().deletionTimestamp(), now, settings.cleanupTimeout())
                    ? List.of(event(EventReason.CLEANUP_TIMED_OUT, EventType.WARNING, ClusterRemoval.overdueMessage(settings.cleanupTimeout())),
                            new Action.DeleteCluster(true, true))
                    : List.of(event(EventReason.DELETING, EventType.NORMAL, "deleting the session cluster"), new Action.DeleteCluster(!leavesNothing));
            if (leavesNothing) {
                // nothing of the cluster outlives its removal: the resource goes in the same pass
                draft.lifecycle(ResourceLifecycleState.DELETED);
                return new Decision<>(draft.build(), actions.append(new Action.ReleaseResource()), Duration.ZERO);
            }
            draft.lifecycle(ResourceLifecycleState.DELETING);
            return new Decision<>(draft.build(), actions, settings.progressInterval());
        }

        FlinkDeploymentSpec last = draft.lastReconciledSpec();
        if (last == null) {
            draft.reconciled(spec, ReconciliationState.DEPLOYED, now).lifecycle(ResourceLifecycleState.CREATED).error(null);
            starting(draft, desired, now);
            return new Decision<>(draft.build(), List.of(event(EventReason.DEPLOYING, EventType.NORMAL, "deploying the session cluster"),
                    new Action.DeployCluster(spec, StateLocation.none(), null)), settings.progressInterval());
        }
        SpecDiff.Result diff = SpecDiff.of(last, spec);
        if (diff.type().compareTo(DiffType.SCALE) >= 0) {
            if (sessionJobs > 0) {
                String why = "the change restarts the cluster, and " + sessionJobs + " session job(s) run on it; suspend them first, "
                        + "and they resume from their savepoints or checkpoints once the cluster is back";
                draft.error(why).condition(ready(false, "SessionJobsRunning", why, desired, now));
                return new Decision<>(draft.build(), List.of(event(EventReason.SESSION_JOBS_RUNNING, EventType.WARNING, why)), settings.reconcileInterval());
            }
            draft.reconciled(spec, ReconciliationState.UPGRADING, now).lifecycle(ResourceLifecycleState.UPGRADING).error(null);
            starting(draft, desired, now);
            actions = List.of(event(EventReason.DEPLOYING, EventType.NORMAL, "redeploying the session cluster with the new spec"),
                    new Action.DeleteCluster(true), new Action.DeployCluster(spec, StateLocation.none(), null));
            return new Decision<>(draft.build(), actions, settings.progressInterval());
        }
        if (!diff.isEmpty()) {
            draft.reconciled(spec, draft.reconciliationState(), now);
        }
        FlinkDeploymentSpec current = diff.isEmpty() ? last : spec;
        switch (observed.jobManager()) {
            case READY -> {
                draft.state(ReconciliationState.DEPLOYED).stable(current).lifecycle(ResourceLifecycleState.STABLE).error(null)
                        .condition(ready(true, "ClusterReady", "the session cluster accepts jobs", desired, now));
                return new Decision<>(draft.build(), actions, settings.reconcileInterval());
            }
            case MISSING -> {
                // nothing of the cluster's own is lost; its session jobs recover through their own passes
                starting(draft.lifecycle(ResourceLifecycleState.DEPLOYED), desired, now);
                return new Decision<>(draft.build(), List.of(event(EventReason.DEPLOYING, EventType.WARNING, "the session cluster is missing; deploying it again"),
                        new Action.DeployCluster(current, StateLocation.none(), null)), settings.progressInterval());
            }
            case ERROR -> {
                String why = observed.jobManagerFailure();
                draft.error(why).lifecycle(ResourceLifecycleState.FAILED).condition(ready(false, "ClusterError", why, desired, now));
                return new Decision<>(draft.build(), actions, settings.reconcileInterval());
            }
            default -> {
                starting(draft, desired, now);
                return new Decision<>(draft.build(), actions, settings.progressInterval());
            }
        }
    }

    /**
     * A cluster being deployed, or starting. Recorded with the deploy, before it runs, so that the passes that see
     * its JobManager start find nothing to write.
     */
    private static void starting(DeploymentStatusDraft draft, FlinkDeployment desired, Instant now) {
        draft.jobManager(JobManagerDeploymentStatus.DEPLOYING).condition(ready(false, "ClusterStarting", "the session cluster is starting", desired, now));
    }

    private static Condition ready(boolean ready, String reason, String message, FlinkDeployment desired, Instant now) {
        return new Condition("Ready", ready ? "True" : "False", reason, message, now, desired.metadata().generation());
    }

    private static Action event(EventReason reason, EventType type, String message) {
        return new Action.RecordEvent(reason, type, message);
    }

}
