package org.flinkop.domain.resource;

/**
 * The spec last acted on ({@code lastReconciledSpec}), the last spec that ran stably ({@code lastStableSpec}),
 * whether it is deployed, being upgraded or rolled back, and the upgrade in flight (or the suspended job's
 * state) with where the next deployment restores from.
 *
 * @param <S> the spec type of the resource kind
 */
public record ReconciliationStatus<S>(
        Long reconciliationTimestamp,
        S lastReconciledSpec,
        S lastStableSpec,
        ReconciliationState state,
        UpgradeProgress upgrade) {
}
