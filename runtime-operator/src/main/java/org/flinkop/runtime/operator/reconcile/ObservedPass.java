package org.flinkop.runtime.operator.reconcile;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.reconcile.PassOutcome;
import org.flinkop.ports.reconcile.Reconciler;
import org.flinkop.ports.store.ResourceStore;
import org.flinkop.runtime.operator.logging.LogLevel;
import org.flinkop.runtime.operator.logging.OperatorLog;
import org.flinkop.runtime.operator.logging.SecretMasker;
import org.flinkop.runtime.operator.metrics.OperatorMetrics;

/**
 * One reconcile pass as the operator runs it: before the pass, the resource's secret configuration values are
 * registered with the masker (so that nothing the pass logs or reports shows them); the pass is timed and counted;
 * a failed pass is logged with its step and reason. A pass that throws is a failure like any other.
 */
public final class ObservedPass implements Function<ResourceKey, PassOutcome> {

    private final Reconciler reconciler;
    private final ResourceStore store;
    private final OperatorMetrics metrics;
    private final SecretMasker masker;
    private final OperatorLog log;
    private final Duration deployingRecheck;

    /**
     * @param deployingRecheck the least wait before looking again at a FlinkDeployment whose JobManager Deployment is
     *                         rolling out, whose changes a watch reports (zero: the decision's wait)
     */
    public ObservedPass(Reconciler reconciler, ResourceStore store, OperatorMetrics metrics, SecretMasker masker, OperatorLog log, Duration deployingRecheck) {
        this.reconciler = reconciler;
        this.deployingRecheck = deployingRecheck;
        this.store = store;
        this.metrics = metrics;
        this.masker = masker;
        this.log = log;
    }

    @Override
    public PassOutcome apply(ResourceKey key) {
        store.get(key).forEach(resource -> masker.register(key.toString(), configuration(resource)));
        long start = System.nanoTime();
        PassOutcome outcome;
        try {
            outcome = reconciler.reconcile(key);
        } catch (RuntimeException e) {
            log.error("reconcile pass threw", OperatorLog.about(key), e);
            outcome = PassOutcome.failed("pass for " + key, PortFailure.of(PortFailure.Reason.REJECTED, String.valueOf(e)));
        }
        outcome = stretchedWhileDeploying(key, outcome);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        metrics.passFinished(key.kind(), took, outcome);
        report(key, outcome, took);
        if (outcome.lookAgainAfter().isEmpty() && !outcome.isFailure()) {
            masker.forget(key.toString());
        }
        return outcome;
    }

    /**
     * While a JobManager Deployment rolls out, each of its changes arrives through the watch of the clusters'
     * Deployments and triggers a pass at once; looking again at every progress check would only repeat the same
     * three API calls. The progress check stays as it is for everything else in flight (a savepoint, a job starting).
     */
    private PassOutcome stretchedWhileDeploying(ResourceKey key, PassOutcome outcome) {
        if (deployingRecheck.isZero() || outcome.isFailure() || outcome.lookAgainAfter().isEmpty()
                || outcome.lookAgainAfter().get().compareTo(deployingRecheck) >= 0) {
            return outcome;
        }
        // a resource being deleted keeps its progress check: the removal it waits for may be what no watch reports
        boolean deploying = store.get(key).exists(r -> r instanceof FlinkDeployment d && d.status() != null && d.metadata().deletionTimestamp() == null
                && d.status().jobManagerDeploymentStatus() == JobManagerDeploymentStatus.DEPLOYING);
        return deploying ? PassOutcome.lookAgain(deployingRecheck) : outcome;
    }

    private void report(ResourceKey key, PassOutcome outcome, Duration took) {
        Map<String, Object> fields = OperatorLog.about(key);
        fields.put("took_ms", took.toMillis());
        if (outcome.isFailure()) {
            PortFailure failure = outcome.failure().get();
            fields.put("step", outcome.failedStep().getOrElse(""));
            fields.put("reason", failure.reason().name());
            fields.put("error", failure.message());
            log.warn("reconcile pass failed; retrying with backoff", fields);
        } else if (log.enabled(LogLevel.DEBUG)) {
            fields.put("look_again_ms", outcome.lookAgainAfter().map(Duration::toMillis).getOrElse(-1L));
            log.log(LogLevel.DEBUG, outcome.lookAgainAfter().isEmpty() ? "resource gone" : "reconcile pass", fields);
        }
    }

    private static Map<String, String> configuration(FlinkResource resource) {
        if (resource instanceof FlinkDeployment deployment && deployment.spec() != null) {
            return deployment.spec().configuration();
        }
        if (resource instanceof FlinkSessionJob job && job.spec() != null) {
            return job.spec().configuration();
        }
        return Map.of();
    }
}
