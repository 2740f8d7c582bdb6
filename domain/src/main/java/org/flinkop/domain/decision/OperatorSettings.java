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
 */
public record OperatorSettings(Duration reconcileInterval, Duration progressInterval, Option<Duration> maxCheckpointAge, Duration savepointRetryBackoff) {

    public static OperatorSettings defaults() {
        return new OperatorSettings(Duration.ofSeconds(60), Duration.ofSeconds(1), Option.none(), Duration.ofSeconds(5));
    }

    /** These settings with the resource's overrides; values the validator would refuse are ignored. */
    public OperatorSettings overriddenBy(Map<String, String> configuration) {
        return new OperatorSettings(
                duration(configuration, FlinkOptions.RECONCILE_INTERVAL).getOrElse(reconcileInterval),
                progressInterval,
                duration(configuration, FlinkOptions.LAST_STATE_MAX_CHECKPOINT_AGE).orElse(maxCheckpointAge),
                savepointRetryBackoff);
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
