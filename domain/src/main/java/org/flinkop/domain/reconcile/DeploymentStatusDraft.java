package org.flinkop.domain.reconcile;

import java.time.Instant;
import java.util.List;
import org.flinkop.domain.resource.Condition;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.JobStatus;
import org.flinkop.domain.resource.ReconciliationState;
import org.flinkop.domain.resource.ReconciliationStatus;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.domain.resource.UpgradeProgress;

/** A FlinkDeployment status being decided: a local builder over the immutable record, never shared. */
final class DeploymentStatusDraft {

    private JobStatus jobStatus;
    private String error;
    private Long observedGeneration;
    private ResourceLifecycleState lifecycleState;
    private final FlinkDeploymentStatus base;
    private JobManagerDeploymentStatus jobManager;
    private Long reconciledAt;
    private FlinkDeploymentSpec lastReconciledSpec;
    private FlinkDeploymentSpec lastStableSpec;
    private ReconciliationState reconciliationState;
    private UpgradeProgress upgrade;
    private List<Condition> conditions;
    private org.flinkop.domain.resource.ClusterHealth health;

    DeploymentStatusDraft(FlinkDeploymentStatus recorded) {
        base = recorded;
        if (recorded != null) {
            jobStatus = recorded.jobStatus();
            error = recorded.error();
            observedGeneration = recorded.observedGeneration();
            lifecycleState = recorded.lifecycleState();
            jobManager = recorded.jobManagerDeploymentStatus();
            conditions = recorded.conditions();
            health = recorded.clusterHealth();
            ReconciliationStatus<FlinkDeploymentSpec> rs = recorded.reconciliationStatus();
            if (rs != null) {
                reconciledAt = rs.reconciliationTimestamp();
                lastReconciledSpec = rs.lastReconciledSpec();
                lastStableSpec = rs.lastStableSpec();
                reconciliationState = rs.state();
                upgrade = rs.upgrade();
            }
        }
    }

    DeploymentStatusDraft reconciled(FlinkDeploymentSpec spec, ReconciliationState state, Instant now) {
        lastReconciledSpec = spec;
        reconciliationState = state;
        reconciledAt = now.toEpochMilli();
        return this;
    }

    DeploymentStatusDraft stable(FlinkDeploymentSpec spec) {
        lastStableSpec = spec;
        return this;
    }

    DeploymentStatusDraft upgrade(UpgradeProgress progress) {
        upgrade = progress;
        return this;
    }

    DeploymentStatusDraft state(ReconciliationState state) {
        reconciliationState = state;
        return this;
    }

    DeploymentStatusDraft lifecycle(ResourceLifecycleState state) {
        lifecycleState = state;
        return this;
    }

    DeploymentStatusDraft jobManager(JobManagerDeploymentStatus status) {
        jobManager = status;
        return this;
    }

    DeploymentStatusDraft job(String jobId, FlinkJobState state, Instant now, String upgradeSavepointPath) {
        JobStatus old = jobStatus;
        boolean changed = old == null || !java.util.Objects.equals(old.jobId(), jobId) || old.state() != state;
        jobStatus = new JobStatus(old == null ? null : old.jobName(), jobId, state,
                old != null && java.util.Objects.equals(old.jobId(), jobId) && old.startTime() != null ? old.startTime() : now,
                changed || old.updateTime() == null ? now : old.updateTime(),
                upgradeSavepointPath != null ? upgradeSavepointPath : old == null ? null : old.upgradeSavepointPath(),
                old == null ? null : old.lastPeriodicSavepointTimestamp(),
                old == null ? null : old.lastPeriodicCheckpointTimestamp());
        return this;
    }

    /** Records that a periodic savepoint ({@code savepoint}) or checkpoint was requested at {@code at}. */
    DeploymentStatusDraft periodicSnapshot(boolean savepoint, Instant at) {
        JobStatus old = jobStatus;
        jobStatus = new JobStatus(old == null ? null : old.jobName(), old == null ? null : old.jobId(), old == null ? null : old.state(),
                old == null ? null : old.startTime(), old == null ? null : old.updateTime(), old == null ? null : old.upgradeSavepointPath(),
                savepoint ? at : old == null ? null : old.lastPeriodicSavepointTimestamp(),
                savepoint ? (old == null ? null : old.lastPeriodicCheckpointTimestamp()) : at);
        return this;
    }

    DeploymentStatusDraft error(String message) {
        error = message;
        return this;
    }

    DeploymentStatusDraft observedGeneration(Long generation) {
        observedGeneration = generation;
        return this;
    }

    DeploymentStatusDraft condition(Condition condition) {
        conditions = Conditions.put(conditions, condition);
        return this;
    }

    DeploymentStatusDraft health(org.flinkop.domain.resource.ClusterHealth newHealth) {
        health = newHealth;
        return this;
    }

    org.flinkop.domain.resource.ClusterHealth health() {
        return health;
    }

    UpgradeProgress upgrade() {
        return upgrade;
    }

    FlinkDeploymentSpec lastReconciledSpec() {
        return lastReconciledSpec;
    }

    FlinkDeploymentSpec lastStableSpec() {
        return lastStableSpec;
    }

    ReconciliationState reconciliationState() {
        return reconciliationState;
    }

    JobStatus jobStatus() {
        return jobStatus;
    }

    FlinkDeploymentStatus build() {
        ReconciliationStatus<FlinkDeploymentSpec> rs = lastReconciledSpec == null && reconciliationState == null ? null
                : new ReconciliationStatus<>(reconciledAt, lastReconciledSpec, lastStableSpec, reconciliationState, upgrade);
        return new FlinkDeploymentStatus(jobStatus, error, observedGeneration, lifecycleState,
                base == null ? null : base.clusterInfo(), jobManager, rs, base == null ? null : base.taskManager(), conditions, health);
    }
}
