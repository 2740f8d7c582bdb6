package org.flinkop.domain.resource;

/**
 * The spec last acted on ({@code lastReconciledSpec}), the last spec that ran stably ({@code lastStableSpec}),
 * and whether it is deployed, being upgraded or rolled back.
 *
 * @param <S> the spec type of the resource kind
 */
public record ReconciliationStatus<S>(
        Long reconciliationTimestamp,
        S lastReconciledSpec,
        S lastStableSpec,
        ReconciliationState state) {
}
