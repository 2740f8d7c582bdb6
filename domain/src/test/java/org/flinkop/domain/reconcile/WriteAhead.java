package org.flinkop.domain.reconcile;

import org.flinkop.domain.decision.Decision;
import org.flinkop.domain.decision.Action;
import static org.assertj.core.api.Assertions.assertThat;

import org.flinkop.domain.observe.Observed;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.ReconciliationState;
import org.flinkop.domain.resource.StateLocationKind;
import org.flinkop.domain.resource.UpgradeMode;
import org.flinkop.domain.resource.UpgradePhase;
import org.flinkop.domain.resource.UpgradeProgress;

/** The invariants every decision keeps, checked after every pass of every test. */
final class WriteAhead {

    private WriteAhead() {
    }

    static void check(FlinkDeployment before, Observed observed, Decision<FlinkDeploymentStatus> decision) {
        UpgradeProgress upgrade = decision.statusToRecord().reconciliationStatus() == null ? null : decision.statusToRecord().reconciliationStatus().upgrade();
        boolean endsAJob = decision.effects().exists(a -> a instanceof Action.StopJobWithSavepoint || a instanceof Action.CancelJob || a instanceof Action.DeleteCluster);
        if (endsAJob && before.metadata().deletionTimestamp() == null) {
            assertThat(upgrade).as("a decision that ends a job records where its state goes: %s", decision).isNotNull();
            assertThat(upgrade.restoreFrom()).isNotNull();
            ReconciliationState state = decision.statusToRecord().reconciliationStatus().state();
            assertThat(upgrade.phase() == UpgradePhase.SUSPENDED || state == ReconciliationState.UPGRADING || state == ReconciliationState.ROLLING_BACK)
                    .as("marked as upgrading (or suspended) with the target spec: %s", decision).isTrue();
            if (before.spec().job().effectiveUpgradeMode() != UpgradeMode.STATELESS && hasState(before, observed)) {
                assertThat(upgrade.restoreFrom().kind()).as("a stateful job's state is never dropped: %s", decision).isNotEqualTo(StateLocationKind.NONE);
            }
        }
        decision.effects().filter(a -> a instanceof Action.DeployCluster).forEach(a -> {
            Action.DeployCluster deploy = (Action.DeployCluster) a;
            assertThat(upgrade).as("a deployment is recorded before it happens").isNotNull();
            assertThat(deploy.restoreFrom()).isEqualTo(upgrade.restoreFrom());
            assertThat(deploy.jobId()).isEqualTo(upgrade.jobId());
            assertThat(deploy.restoreFrom().kind()).as("never deploy from a savepoint still being written").isNotEqualTo(StateLocationKind.PENDING_SAVEPOINT);
            boolean firstDeployment = before.status() == null || before.status().reconciliationStatus() == null
                    || before.status().reconciliationStatus().lastReconciledSpec() == null;
            if (deploy.restoreFrom().kind() == StateLocationKind.NONE && !firstDeployment && hasState(before, observed)) {
                assertThat(before.spec().job().effectiveUpgradeMode()).as("empty state only when the user asked for stateless: %s", decision)
                        .isEqualTo(UpgradeMode.STATELESS);
            }
        });
    }

    /**
     * Whether the job has state a deployment could lose: a running job (a savepoint can capture it), HA metadata,
     * a checkpoint, or state the status records as the way back. (A savepoint from before a stateless suspend
     * is not: the user let that state go.)
     */
    private static boolean hasState(FlinkDeployment resource, Observed observed) {
        FlinkDeploymentStatus status = resource.status();
        boolean recorded = status != null && status.reconciliationStatus() != null && status.reconciliationStatus().upgrade() != null
                && status.reconciliationStatus().upgrade().restoreFrom().carriesState();
        return recorded || observed.jobIs(FlinkJobState.RUNNING) || observed.haMetadataUsable() || observed.latestCheckpoint().isDefined();
    }
}
