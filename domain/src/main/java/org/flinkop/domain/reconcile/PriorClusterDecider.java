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
import org.flinkop.domain.observe.PriorCluster;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.ReconciliationState;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.domain.resource.UpgradePhase;
import org.flinkop.domain.resource.UpgradeProgress;

/**
 * A FlinkDeployment whose status records no deployment, while a cluster already stands where its own would: the
 * first deployment would replace that cluster, and a job running there would start again under a new id without
 * its state. So nothing is deployed.
 * <ul>
 *   <li>A cluster deployed for this very resource (its status was lost: overwritten, or the resource restored from a
 *   backup without it) is adopted: the status is rebuilt as the deployment recorded it (the spec, where the job
 *   restored from, its job id), as a deployment in flight, and the next pass observes the cluster and goes on from
 *   there as from any deployment: a spec changed since is an upgrade by its upgrade mode, which takes the job's
 *   state along.</li>
 *   <li>Any other (deployed for an earlier resource of this name, of the other kind of cluster, not deployed by this
 *   operator, or without a record) is left alone: the status says why, and the cluster is deployed once it is gone.</li>
 * </ul>
 */
public final class PriorClusterDecider {

    private PriorClusterDecider() {
    }

    public static Decision<FlinkDeploymentStatus> decide(FlinkDeployment desired, PriorCluster prior, Instant now, OperatorSettings settings) {
        Objects.requireNonNull(desired.spec(), "spec");
        DeploymentStatusDraft draft = new DeploymentStatusDraft(desired.status()).observedGeneration(desired.metadata().generation());
        if (prior instanceof PriorCluster.Recorded recorded) {
            return adoptable(desired, recorded) ? adopt(draft, recorded, now) : notAdopted(draft, whyNot(desired, recorded), settings);
        }
        return notAdopted(draft, ((PriorCluster.Unadoptable) prior).what(), settings);
    }

    private static boolean adoptable(FlinkDeployment desired, PriorCluster.Recorded recorded) {
        return desired.metadata().uid() != null && desired.metadata().uid().equals(recorded.ownerUid())
                && recorded.spec().hasJob() == desired.spec().hasJob() && (recorded.jobId() != null) == recorded.spec().hasJob();
    }

    private static String whyNot(FlinkDeployment desired, PriorCluster.Recorded recorded) {
        String cluster = "the cluster " + desired.metadata().name();
        if (desired.metadata().uid() == null || !desired.metadata().uid().equals(recorded.ownerUid())) {
            return cluster + " was deployed for " + (recorded.ownerUid() == null ? "a FlinkDeployment it does not name"
                    : "an earlier FlinkDeployment of this name (uid " + recorded.ownerUid() + ")");
        }
        return recorded.spec().hasJob()
                ? cluster + " was deployed as an application cluster, and spec.job is now unset"
                : cluster + " was deployed as a session cluster, and spec.job is now set";
    }

    private static Decision<FlinkDeploymentStatus> adopt(DeploymentStatusDraft draft, PriorCluster.Recorded recorded, Instant now) {
        String message;
        if (recorded.spec().hasJob()) {
            draft.reconciled(recorded.spec(), ReconciliationState.UPGRADING, now)
                    .upgrade(new UpgradeProgress(UpgradePhase.DEPLOYING, recorded.restoreFrom(), recorded.jobId(), now, 0));
            message = "the status recorded no deployment, but the cluster deployed for this resource is there, with job " + recorded.jobId()
                    + ": the status is rebuilt from what the cluster records it was deployed from, and the cluster is observed, not deployed again";
        } else {
            draft.reconciled(recorded.spec(), ReconciliationState.DEPLOYED, now);
            message = "the status recorded no deployment, but the session cluster deployed for this resource is there: the status is rebuilt "
                    + "from what the cluster records it was deployed from, and the cluster is observed, not deployed again";
        }
        draft.lifecycle(ResourceLifecycleState.DEPLOYED).error(null);
        return new Decision<>(draft.build(), List.of(new Action.RecordEvent(EventReason.STATUS_REBUILT, EventType.WARNING, message)), Duration.ZERO);
    }

    private static Decision<FlinkDeploymentStatus> notAdopted(DeploymentStatusDraft draft, String what, OperatorSettings settings) {
        String why = "metadata.name: " + what + "; it is left as it is, and this FlinkDeployment deploys its cluster once it is gone "
                + "(delete it, or give this FlinkDeployment another name)";
        draft.error(why);
        return new Decision<>(draft.build(), List.of(new Action.RecordEvent(EventReason.CLUSTER_NOT_ADOPTED, EventType.WARNING, why)),
                settings.reconcileInterval());
    }
}
