package org.flinkop.domain.resource;

import java.time.Instant;

/**
 * An upgrade in flight, or a suspended job: the phase, where the next deployment restores from, and the job id
 * the next deployment runs under (fixed, so a job resubmitted after a crash is recognised as the same job).
 *
 * @param phase       how far it has come
 * @param restoreFrom where the next deployment's state comes from
 * @param jobId       the job id of the next deployment
 * @param startedAt   when this upgrade began
 * @param attempts    how many stop attempts failed so far (for backoff)
 */
public record UpgradeProgress(UpgradePhase phase, StateLocation restoreFrom, String jobId, Instant startedAt, Integer attempts) {

    public int effectiveAttempts() {
        return attempts == null ? 0 : attempts;
    }

    public UpgradeProgress withPhase(UpgradePhase newPhase, StateLocation newRestoreFrom) {
        return new UpgradeProgress(newPhase, newRestoreFrom, jobId, startedAt, attempts);
    }
}
