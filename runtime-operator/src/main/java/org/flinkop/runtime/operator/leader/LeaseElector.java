package org.flinkop.runtime.operator.leader;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.flinkop.runtime.operator.logging.LogLevel;
import org.flinkop.runtime.operator.logging.OperatorLog;

/**
 * Leader election on a {@code coordination.k8s.io/v1} Lease, as Kubernetes' own controllers elect (client-go's
 * algorithm). Every retry period the candidate reads the Lease: it takes a Lease that is missing, released, or whose
 * record has not changed for the lease duration (measured on this machine's monotonic clock from when this candidate
 * saw it change, so clocks need not agree); the leader renews it. Every write is locked on the resourceVersion read,
 * so of two candidates one wins.
 *
 * <p>The leader acts until the renew deadline after it sent its last successful renewal ({@link #acting}); the
 * others wait the longer lease duration after they saw that renewal, so they can only take over once it has
 * stopped. Leadership is lost when the Lease names another holder, or when the renew deadline passed without a
 * renewal; the listener hears it once and the election ends (the operator exits and restarts as a candidate).
 */
public final class LeaseElector implements Leadership {

    /** What the election tells the operator. Called on the election's thread. */
    public interface Listener {

        void startedLeading();

        /** Leadership ended: the operator already does not act; it should stop and exit. */
        void stoppedLeading(String why);

        /** Another operator holds the Lease (or nobody, when empty). */
        void leaderIs(String identity);
    }

    private enum Attempt { HOLDING, HELD_BY_ANOTHER, TAKEN_BY_ANOTHER, FAILED }

    private final Leases leases;
    private final String namespace;
    private final LeaderElectionSettings settings;
    private final String identity;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final OperatorLog log;
    private volatile boolean leading;
    private volatile long actingUntil;
    private volatile boolean running;
    private Thread thread;
    private String seenVersion;
    private String seenHolder;
    private long seenAt;

    /**
     * @param namespace the operator's namespace, where the Lease is
     * @param nanoTime  the monotonic clock deadlines are measured on
     */
    public LeaseElector(KubernetesClient client, String namespace, LeaderElectionSettings settings, String identity, Clock clock, LongSupplier nanoTime,
            OperatorLog log) {
        this(Leases.on(client, namespace, settings.leaseName()), namespace, settings, identity, clock, nanoTime, log);
    }

    LeaseElector(Leases leases, String namespace, LeaderElectionSettings settings, String identity, Clock clock, LongSupplier nanoTime, OperatorLog log) {
        this.leases = leases;
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.settings = settings;
        this.identity = identity;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.log = log;
    }

    public String identity() {
        return identity;
    }

    public String namespace() {
        return namespace;
    }

    @Override
    public boolean acting() {
        return leading && nanoTime.getAsLong() - actingUntil < 0;
    }

    /** Starts the election on a thread of its own. */
    public synchronized void start(Listener listener) {
        running = true;
        thread = new Thread(() -> run(listener), "flinkop-leader-election");
        thread.setDaemon(true);
        thread.start();
    }

    /** Ends the election; a leader releases the Lease, so that a candidate takes it at once instead of after the lease duration. */
    public void stop() {
        Thread running;
        synchronized (this) {
            this.running = false;
            running = thread;
        }
        if (running != null && running != Thread.currentThread()) {
            running.interrupt();
            try {
                running.join(settings.retryPeriod().toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (leading) {
            leading = false;
            release();
        }
    }

    private void run(Listener listener) {
        while (running && round(listener)) {
            pause();
        }
    }

    /** One round: read the Lease, take or renew it when this candidate may. False once leadership is lost: the election ends. */
    boolean round(Listener listener) {
        long attemptAt = nanoTime.getAsLong();
        Attempt attempt = tryAcquireOrRenew(attemptAt, listener);
        if (attempt == Attempt.HOLDING) {
            actingUntil = attemptAt + settings.renewDeadline().toNanos();
            if (!leading) {
                leading = true;
                listener.startedLeading();
            }
        } else if (leading && (attempt == Attempt.TAKEN_BY_ANOTHER || nanoTime.getAsLong() - actingUntil >= 0)) {
            leading = false;
            listener.stoppedLeading(attempt == Attempt.TAKEN_BY_ANOTHER ? "the Lease names another holder: " + seenHolder
                    : "the Lease was not renewed within the renew deadline of " + settings.renewDeadline().toMillis() + " ms");
            return false;
        }
        return true;
    }

    private void pause() {
        long millis = settings.retryPeriod().toMillis();
        // candidates spread out, so that they do not all ask at the same moment
        long wait = leading ? millis : millis + ThreadLocalRandom.current().nextLong(millis / 5 + 1);
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            // stop() interrupts; the loop's condition ends it
        }
    }

    private Attempt tryAcquireOrRenew(long now, Listener listener) {
        try {
            Lease lease = leases.get();
            if (lease == null) {
                remember(leases.create(lease(null, null)), now, listener);
                return Attempt.HOLDING;
            }
            LeaseSpec spec = lease.getSpec() == null ? new LeaseSpec() : lease.getSpec();
            if (!Objects.equals(lease.getMetadata().getResourceVersion(), seenVersion)) {
                remember(lease, now, listener);
            }
            String holder = spec.getHolderIdentity() == null ? "" : spec.getHolderIdentity();
            if (leading && !holder.equals(identity)) {
                return Attempt.TAKEN_BY_ANOTHER;
            }
            if (!holder.isEmpty() && !holder.equals(identity) && now - seenAt < settings.leaseDuration().toNanos()) {
                return Attempt.HELD_BY_ANOTHER;
            }
            remember(leases.update(lease(lease, spec)), now, listener);
            return Attempt.HOLDING;
        } catch (RuntimeException e) {
            // another candidate wrote first (409), or the API server did not answer: the next period tries again, and a
            // leader that cannot renew before its deadline stops
            int code = e instanceof KubernetesClientException k ? k.getCode() : 0;
            log.log(code == 409 ? LogLevel.DEBUG : LogLevel.WARN, "leader election: could not read or write the Lease",
                    OperatorLog.fields("lease", settings.leaseName(), "code", code, "error", String.valueOf(e.getMessage())));
            return Attempt.FAILED;
        }
    }

    /** The Lease held by this candidate: renewed from {@code current}, or taken over (a new acquire time, one more transition). */
    private Lease lease(Lease current, LeaseSpec spec) {
        ZonedDateTime now = ZonedDateTime.now(clock);
        boolean renewal = spec != null && identity.equals(spec.getHolderIdentity());
        int transitions = spec == null || spec.getLeaseTransitions() == null ? 0 : spec.getLeaseTransitions();
        LeaseBuilder builder = current == null
                ? new LeaseBuilder().withMetadata(new ObjectMetaBuilder().withName(settings.leaseName()).withNamespace(namespace).build())
                : new LeaseBuilder(current);
        return builder.editOrNewSpec().withHolderIdentity(identity).withLeaseDurationSeconds(leaseSeconds())
                .withAcquireTime(renewal ? spec.getAcquireTime() : now).withRenewTime(now)
                .withLeaseTransitions(renewal || current == null ? transitions : transitions + 1).endSpec().build();
    }

    private int leaseSeconds() {
        return (int) Math.max(1, (settings.leaseDuration().toMillis() + 999) / 1000);
    }

    private void remember(Lease lease, long now, Listener listener) {
        seenVersion = lease.getMetadata().getResourceVersion();
        seenAt = now;
        String holder = lease.getSpec() == null || lease.getSpec().getHolderIdentity() == null ? "" : lease.getSpec().getHolderIdentity();
        if (!holder.equals(seenHolder)) {
            seenHolder = holder;
            if (!holder.equals(identity)) {
                listener.leaderIs(holder);
            }
        }
    }

    private void release() {
        try {
            Lease lease = leases.get();
            if (lease != null && lease.getSpec() != null && identity.equals(lease.getSpec().getHolderIdentity())) {
                leases.update(new LeaseBuilder(lease).editSpec().withHolderIdentity("").withLeaseDurationSeconds(1).withRenewTime(ZonedDateTime.now(clock))
                        .endSpec().build());
                log.info("leader election: released the Lease", OperatorLog.fields("lease", settings.leaseName(), "identity", identity));
            }
        } catch (RuntimeException e) {
            log.warn("leader election: could not release the Lease; another operator takes it after the lease duration",
                    OperatorLog.fields("lease", settings.leaseName(), "error", String.valueOf(e.getMessage())));
        }
    }
}
