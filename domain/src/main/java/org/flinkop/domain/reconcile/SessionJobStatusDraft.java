package org.flinkop.domain.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.flinkop.domain.resource.Condition;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.FlinkSessionJobSpec;
import org.flinkop.domain.resource.FlinkSessionJobStatus;
import org.flinkop.domain.resource.JobStatus;
import org.flinkop.domain.resource.ReconciliationState;
import org.flinkop.domain.resource.ReconciliationStatus;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.domain.resource.UpgradeProgress;

/** A FlinkSessionJob status being decided: a local builder over the immutable record, never shared. */
final class SessionJobStatusDraft {

    private JobStatus jobStatus;
    private String error;
    private Long observedGeneration;
    private ResourceLifecycleState lifecycleState;
    private Long reconciledAt;
    private FlinkSessionJobSpec lastReconciledSpec;
    private FlinkSessionJobSpec lastStableSpec;
    private ReconciliationState reconciliationState;
    private UpgradeProgress upgrade;
    private List<Condition> conditions;

    SessionJobStatusDraft(FlinkSessionJobStatus recorded) {
        if (recorded != null) {
            jobStatus = recorded.jobStatus();
            error = recorded.error();
            observedGeneration = recorded.observedGeneration();
            lifecycleState = recorded.lifecycleState();
            conditions = recorded.conditions();
            ReconciliationStatus<FlinkSessionJobSpec> rs = recorded.reconciliationStatus();
            if (rs != null) {
                reconciledAt = rs.reconciliationTimestamp();
                lastReconciledSpec = rs.lastReconciledSpec();
                lastStableSpec = rs.lastStableSpec();
                reconciliationState = rs.state();
                upgrade = rs.upgrade();
            }
        }
    }

    SessionJobStatusDraft reconciled(FlinkSessionJobSpec spec, ReconciliationState state, Instant now) {
        lastReconciledSpec = spec;
        reconciliationState = state;
        reconciledAt = now.toEpochMilli();
        return this;
    }

    SessionJobStatusDraft stable(FlinkSessionJobSpec spec) {
        lastStableSpec = spec;
        reconciliationState = ReconciliationState.DEPLOYED;
        return this;
    }

    SessionJobStatusDraft upgrade(UpgradeProgress progress) {
        upgrade = progress;
        return this;
    }

    SessionJobStatusDraft lifecycle(ResourceLifecycleState state) {
        lifecycleState = state;
        return this;
    }

    SessionJobStatusDraft error(String message) {
        error = message;
        return this;
    }

    SessionJobStatusDraft observedGeneration(Long generation) {
        observedGeneration = generation;
        return this;
    }

    SessionJobStatusDraft condition(Condition condition) {
        conditions = Conditions.put(conditions, condition);
        return this;
    }

    SessionJobStatusDraft job(String jobId, FlinkJobState state, Instant now, String upgradeSavepointPath) {
        JobStatus old = jobStatus;
        boolean sameJob = old != null && Objects.equals(old.jobId(), jobId);
        jobStatus = new JobStatus(old == null ? null : old.jobName(), jobId, state,
                sameJob && old.startTime() != null ? old.startTime() : now,
                sameJob && old.state() == state && old.updateTime() != null ? old.updateTime() : now,
                upgradeSavepointPath != null ? upgradeSavepointPath : old == null ? null : old.upgradeSavepointPath(),
                old == null ? null : old.lastPeriodicSavepointTimestamp(), old == null ? null : old.lastPeriodicCheckpointTimestamp());
        return this;
    }

    FlinkSessionJobSpec lastReconciledSpec() {
        return lastReconciledSpec;
    }

    UpgradeProgress upgrade() {
        return upgrade;
    }

    JobStatus jobStatus() {
        return jobStatus;
    }

    FlinkSessionJobStatus build() {
        ReconciliationStatus<FlinkSessionJobSpec> rs = lastReconciledSpec == null && reconciliationState == null ? null
                : new ReconciliationStatus<>(reconciledAt, lastReconciledSpec, lastStableSpec, reconciliationState, upgrade);
        return new FlinkSessionJobStatus(jobStatus, error, observedGeneration, lifecycleState, rs, conditions);
    }
}
