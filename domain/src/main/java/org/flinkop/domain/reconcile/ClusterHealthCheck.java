package org.flinkop.domain.reconcile;

import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.observe.Observed;
import org.flinkop.domain.resource.ClusterHealth;

/**
 * Whether a running job is healthy: not restarting more often than allowed within the window, and completing
 * checkpoints when checkpointing is on. Pure; what it must remember between passes it returns, to be recorded.
 */
final class ClusterHealthCheck {

    private ClusterHealthCheck() {
    }

    /**
     * @param remember what to record for the next pass
     * @param problem  why the job is unhealthy, when it is
     */
    record Verdict(ClusterHealth remember, Option<String> problem) {
    }

    static Verdict evaluate(OperatorSettings.Health health, ClusterHealth recorded, Observed observed, Instant jobStart, boolean checkpointing, Instant now) {
        if (!health.enabled() || observed.restarts().isEmpty()) {
            return new Verdict(recorded, Option.none());
        }
        int restarts = observed.restarts().get();
        boolean windowOver = recorded == null || recorded.restartCount() == null || recorded.restartCountSince() == null
                || restarts < recorded.restartCount()
                || Duration.between(recorded.restartCountSince(), now).compareTo(health.restartWindow()) > 0;
        ClusterHealth window = windowOver ? new ClusterHealth(restarts, now) : recorded;
        int inWindow = restarts - window.restartCount();
        if (inWindow > health.restartThreshold()) {
            return new Verdict(new ClusterHealth(restarts, now), Option.of("the job restarted " + inWindow + " times within "
                    + health.restartWindow().toSeconds() + "s, more than the threshold of " + health.restartThreshold()));
        }
        if (checkpointing && health.checkpointProgress()) {
            Instant lastProgress = observed.latestCheckpoint().map(cp -> cp.completedAt()).filter(t -> t.isAfter(jobStart)).getOrElse(jobStart);
            if (Duration.between(lastProgress, now).compareTo(health.checkpointWindow()) > 0) {
                return new Verdict(window, Option.of("no checkpoint completed within " + health.checkpointWindow().toSeconds() + "s"));
            }
        }
        return new Verdict(window, Option.none());
    }
}
