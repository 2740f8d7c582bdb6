package org.flinkop.domain.decision;

import io.vavr.control.Option;
import java.time.Duration;
import java.util.Map;
import org.flinkop.domain.config.FlinkDuration;
import org.flinkop.domain.config.FlinkOptions;

/**
 * The {@code kubernetes.operator.*} settings a decision uses, from the operator's defaults overridden by the
 * resource's own {@code flinkConfiguration}.
 *
 * @param reconcileInterval     how long to wait before looking again when nothing is in flight
 * @param progressInterval      how soon to look again while something is in flight
 * @param maxCheckpointAge      the oldest checkpoint a last-state upgrade may restore from, when limited
 * @param savepointRetryBackoff the first wait after a failed savepoint; it doubles per attempt, up to the reconcile interval
 * @param restartFailedJobs     whether a FAILED job is restarted ({@code kubernetes.operator.job.restart.failed})
 * @param recoverJobManager     whether a lost JobManager deployment is brought back ({@code ...jm-deployment-recovery.enabled})
 * @param health                the cluster health check
 * @param rollback              whether an upgrade not ready within {@code readinessTimeout} rolls back to the last stable spec
 * @param readinessTimeout      how long an upgraded job may take to run ({@code kubernetes.operator.deployment.readiness.timeout})
 * @param cleanupTimeout        how long a deletion waits for a stopping JobManager before it removes the HA metadata anyway
 *                              ({@code kubernetes.operator.resource.cleanup.timeout})
 */
public record OperatorSettings(Duration reconcileInterval, Duration progressInterval, Option<Duration> maxCheckpointAge, Duration savepointRetryBackoff,
        boolean restartFailedJobs, boolean recoverJobManager, Health health, boolean rollback, Duration readinessTimeout, Duration cleanupTimeout) {

    /**
     * The cluster health check: a job restarting more than {@code restartThreshold} times within
     * {@code restartWindow}, or (when checkpointing is on) completing no checkpoint within {@code checkpointWindow},
     * is restarted.
     */
    public record Health(boolean enabled, int restartThreshold, Duration restartWindow, boolean checkpointProgress, Duration checkpointWindow) {
    }

    public static OperatorSettings defaults() {
        return new OperatorSettings(Duration.ofSeconds(60), Duration.ofSeconds(1), Option.none(), Duration.ofSeconds(5), false, true,
                new Health(false, 64, Duration.ofMinutes(2), true, Duration.ofMinutes(5)), false, Duration.ofMinutes(5), Duration.ofMinutes(5));
    }

    /** These settings, looking again after {@code interval} while something is in flight. */
    public OperatorSettings withProgressInterval(Duration interval) {
        return new OperatorSettings(reconcileInterval, interval, maxCheckpointAge, savepointRetryBackoff, restartFailedJobs, recoverJobManager, health,
                rollback, readinessTimeout, cleanupTimeout);
    }

    /** These settings with the resource's overrides; values the validator would refuse are ignored. */
    public OperatorSettings overriddenBy(Map<String, String> configuration) {
        return new OperatorSettings(
                duration(configuration, FlinkOptions.RECONCILE_INTERVAL).getOrElse(reconcileInterval),
                progressInterval,
                duration(configuration, FlinkOptions.LAST_STATE_MAX_CHECKPOINT_AGE).orElse(maxCheckpointAge),
                savepointRetryBackoff,
                bool(configuration, FlinkOptions.JOB_RESTART_FAILED).getOrElse(restartFailedJobs),
                bool(configuration, FlinkOptions.JM_RECOVERY).getOrElse(recoverJobManager),
                new Health(
                        bool(configuration, FlinkOptions.HEALTH_CHECK).getOrElse(health.enabled()),
                        FlinkOptions.positiveInteger(configuration.get(FlinkOptions.HEALTH_RESTARTS_THRESHOLD)).getOrElse(health.restartThreshold()),
                        duration(configuration, FlinkOptions.HEALTH_RESTARTS_WINDOW).getOrElse(health.restartWindow()),
                        bool(configuration, FlinkOptions.HEALTH_CHECKPOINT_PROGRESS).getOrElse(health.checkpointProgress()),
                        duration(configuration, FlinkOptions.HEALTH_CHECKPOINT_WINDOW).getOrElse(health.checkpointWindow())),
                bool(configuration, FlinkOptions.ROLLBACK_ENABLED).getOrElse(rollback),
                duration(configuration, FlinkOptions.READINESS_TIMEOUT).getOrElse(readinessTimeout),
                duration(configuration, FlinkOptions.CLEANUP_TIMEOUT).getOrElse(cleanupTimeout));
    }

    private static Option<Boolean> bool(Map<String, String> configuration, String key) {
        return Option.of(configuration.get(key)).map(String::trim)
                .filter(v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"))
                .map(Boolean::parseBoolean);
    }


    private static Option<Duration> duration(Map<String, String> configuration, String key) {
        return Option.of(configuration.get(key)).flatMap(FlinkDuration::parse);
    }

    /** The wait after {@code attempts} failed attempts: doubling from the first backoff, never more than the reconcile interval. */
    public Duration backoff(int attempts) {
        Duration wait = savepointRetryBackoff;
        for (int i = 1; i < attempts && wait.compareTo(reconcileInterval) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(reconcileInterval) > 0 ? reconcileInterval : wait;
    }
}
