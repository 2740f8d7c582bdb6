package org.flinkop.runtime.operator.leader;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether operators elect a leader through a {@code coordination.k8s.io/v1} Lease, and its timing, named as the
 * Apache operator names them. Only the leader acts; a candidate takes the Lease over once its holder has not renewed
 * it for {@code leaseDuration}, and the holder stops acting once it has not renewed it for {@code renewDeadline}
 * (shorter, so that two operators never act at once).
 *
 * @param enabled       off: this operator acts alone, as without the setting
 * @param leaseName     the Lease's name, in the operator's own namespace
 * @param leaseDuration how long a candidate waits after it last saw the Lease change before taking it over
 * @param renewDeadline how long the leader goes on acting after its last renewal was sent
 * @param retryPeriod   how often the leader renews, and candidates try
 * @param podName       the pod's name ({@code POD_NAME}, else {@code HOSTNAME}); the identity adds a random suffix
 */
public record LeaderElectionSettings(boolean enabled, String leaseName, Duration leaseDuration, Duration renewDeadline, Duration retryPeriod,
        String podName) {

    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(15);
    public static final Duration DEFAULT_RENEW_DEADLINE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RETRY_PERIOD = Duration.ofSeconds(2);

    public LeaderElectionSettings {
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        Objects.requireNonNull(renewDeadline, "renewDeadline");
        Objects.requireNonNull(retryPeriod, "retryPeriod");
        Objects.requireNonNull(podName, "podName");
        if (enabled) {
            Objects.requireNonNull(leaseName, "leaseName");
        }
    }

    public static LeaderElectionSettings disabled() {
        return new LeaderElectionSettings(false, null, DEFAULT_LEASE_DURATION, DEFAULT_RENEW_DEADLINE, DEFAULT_RETRY_PERIOD, "flinkop-operator");
    }
}
