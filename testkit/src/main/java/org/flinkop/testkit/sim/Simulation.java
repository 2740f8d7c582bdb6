package org.flinkop.testkit.sim;

import io.vavr.collection.List;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.function.Predicate;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.domain.resource.UpgradeMode;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.artifact.Artifact;
import org.flinkop.ports.reconcile.Reconciler;
import org.flinkop.testkit.flink.FakeFlink;
import org.flinkop.testkit.store.FakeResourceStore;
import org.flinkop.testkit.time.ManualClock;

/**
 * A whole operator world in memory: a store, Flink, a manual clock, and an operator that reconciles every
 * resource once per simulated second. The operator can be made to crash after its n-th effectful call (memory
 * lost; the store and Flink kept); a fresh operator then takes over. After every second the simulation checks
 * that no cluster runs two jobs of one application; {@link #checkInvariants()} checks the rest at the end.
 */
public final class Simulation {

    public static final Instant START = Instant.parse("2026-11-01T10:00:00Z");

    private final ManualClock clock = new ManualClock(START);
    private final FakeResourceStore store = new FakeResourceStore(clock);
    private final FakeFlink flink;
    private final CrashSwitch crash = new CrashSwitch();
    private final java.util.List<String> violations = new ArrayList<>();
    private Reconciler operator;
    private int crashes;
    private java.util.Random chaos;
    private int faults;
    private final Map<ResourceKey, Instant> unreachableUntil = new java.util.HashMap<>();

    /** @param keepsHaMetadata whether clusters keep Flink HA metadata (Kubernetes) or not (local processes) */
    public Simulation(boolean keepsHaMetadata) {
        this.flink = new FakeFlink(clock, keepsHaMetadata, FakeFlink.Latencies.defaults());
        this.operator = newOperator();
    }

    public Simulation() {
        this(true);
    }

    private Reconciler newOperator() {
        return new Reconciler(new Reconciler.Ports(CrashingPorts.store(store, crash), CrashingPorts.deployer(flink, crash), CrashingPorts.flink(flink, crash),
                uri -> uri.getScheme() == null ? Either.left(PortFailure.of(PortFailure.Reason.FORBIDDEN, "no scheme"))
                        : Either.right(new Artifact("/artifacts/" + uri.getPath().replace('/', '_'), Integer.toHexString(uri.hashCode()), 1)),
                clock, OperatorSettings.defaults()));
    }

    /** Crash the operator right after its {@code n}-th effectful call of this simulation (0: never). */
    public Simulation crashAfter(int n) {
        crash.armAfter(n);
        return this;
    }

    /**
     * Injects faults at random, reproducibly from {@code seed}: status-write conflicts, Flink REST timeouts lasting
     * a few seconds, failed savepoints, and operator crashes after a random effectful call.
     */
    public Simulation withRandomFaults(long seed) {
        chaos = new java.util.Random(seed);
        return this;
    }

    /** How many faults were injected so far (crashes included). */
    public int faults() {
        return faults;
    }

    private void injectFaults() {
        unreachableUntil.entrySet().removeIf(e -> {
            if (!clock.instant().isBefore(e.getValue())) {
                flink.reachable(e.getKey());
                return true;
            }
            return false;
        });
        List<ResourceKey> deployments = store.list(ResourceKind.FLINK_DEPLOYMENT).map(ResourceKey::of);
        List<ResourceKey> all = List.of(ResourceKind.values()).flatMap(store::list).map(ResourceKey::of);
        if (all.isEmpty()) {
            return;
        }
        int roll = chaos.nextInt(100);
        if (roll < 5) {
            store.conflictOnNextStatusWrite(all.get(chaos.nextInt(all.size())));
            faults++;
        } else if (roll < 8 && !deployments.isEmpty()) {
            ResourceKey key = deployments.get(chaos.nextInt(deployments.size()));
            flink.unreachable(key);
            unreachableUntil.put(key, clock.instant().plusSeconds(1 + chaos.nextInt(5)));
            faults++;
        } else if (roll < 10 && !deployments.isEmpty()) {
            flink.failNextSavepoint(deployments.get(chaos.nextInt(deployments.size())), "checkpoint declined by a task");
            faults++;
        } else if (roll < 12) {
            crash.armAfter(crash.calls() + 1 + chaos.nextInt(4));
            faults++;
        }
    }

    // ---- what users do ------------------------------------------------------------------------------------------

    /** Applies a resource document as a user would ({@code kubectl apply}); it must be admissible. */
    public FlinkResource apply(Map<String, ?> document) {
        FlinkResource resource = ResourceBinding.decode(document).resource().getOrElseThrow(() -> new IllegalArgumentException("not a resource: " + document));
        return store.apply(resource).getOrElseThrow(f -> new IllegalStateException("apply failed: " + f));
    }

    public void delete(ResourceKey key) {
        store.delete(key);
    }

    // ---- time ---------------------------------------------------------------------------------------------------

    /** One simulated second: a pass for every resource, then the clock moves on. */
    public void step() {
        if (chaos != null) {
            injectFaults();
        }
        for (ResourceKind kind : ResourceKind.values()) {
            for (FlinkResource resource : store.list(kind)) {
                try {
                    operator.reconcile(ResourceKey.of(resource));
                } catch (SimulatedCrash crashed) {
                    crashes++;
                    operator = newOperator();
                }
                checkOneJobPerApplication();
            }
        }
        clock.advance(Duration.ofSeconds(1));
    }

    public void run(Duration duration) {
        for (long s = 0; s < duration.toSeconds(); s++) {
            step();
        }
    }

    /** Steps until {@code condition} holds; a simulation that does not get there within {@code limit} has failed. */
    public void runUntil(String what, Predicate<Simulation> condition, Duration limit) {
        for (long s = 0; s < limit.toSeconds(); s++) {
            if (condition.test(this)) {
                return;
            }
            step();
        }
        if (!condition.test(this)) {
            violations.add("did not converge: " + what + " within " + limit.toSeconds() + "s");
        }
    }

    // ---- looking at the world -----------------------------------------------------------------------------------

    public ManualClock clock() {
        return clock;
    }

    public FakeResourceStore store() {
        return store;
    }

    public FakeFlink flink() {
        return flink;
    }

    public int crashes() {
        return crashes;
    }

    /** The operator's effectful calls so far. */
    public int effectfulCalls() {
        return crash.calls();
    }

    public ResourceLifecycleState lifecycle(ResourceKey key) {
        FlinkResource r = store.get(key).getOrNull();
        if (r instanceof FlinkDeployment d && d.status() != null) {
            return d.status().lifecycleState();
        }
        if (r instanceof FlinkSessionJob j && j.status() != null) {
            return j.status().lifecycleState();
        }
        return null;
    }

    /** The job id the resource's status says runs. */
    public String jobId(ResourceKey key) {
        FlinkResource r = store.get(key).getOrNull();
        if (r instanceof FlinkDeployment d && d.status() != null && d.status().jobStatus() != null) {
            return d.status().jobStatus().jobId();
        }
        if (r instanceof FlinkSessionJob j && j.status() != null && j.status().jobStatus() != null) {
            return j.status().jobStatus().jobId();
        }
        return null;
    }

    // ---- invariants -----------------------------------------------------------------------------------------------

    private void checkOneJobPerApplication() {
        flink.allRunningJobs().forEach((cluster, jobs) -> {
            boolean application = store.get(cluster).map(r -> r instanceof FlinkDeployment d && d.spec() != null && d.spec().hasJob()).getOrElse(true);
            if (application && jobs.size() > 1) {
                violations.add("two running jobs for " + cluster + " at " + clock.instant() + ": " + jobs.map(j -> j.jobId()).mkString(", "));
            }
        });
    }

    /**
     * Everything that must hold when a scenario ends, whatever crashed on the way: no stateful job restored from
     * older state than the newest snapshot its predecessors took, no cluster left for a deleted resource, and a
     * status that says "running" only of a job that runs. Returns the violations (empty: all held).
     */
    public List<String> checkInvariants() {
        java.util.List<String> found = new ArrayList<>(violations);
        for (FakeFlink.Restore restore : flink.restores()) {
            if (!stateful(restore.cluster()) || chosenByUser(restore)) {
                continue;
            }
            long newest = flink.taken().filter(t -> t.cluster().equals(restore.cluster()) && !t.jobId().equals(restore.jobId())
                    && !t.at().isAfter(restore.at())).map(FakeFlink.Taken::progress).max().getOrElse(0L);
            if (restore.progress() < newest) {
                found.add("state lost: job " + restore.jobId() + " of " + restore.cluster() + " started at progress " + restore.progress()
                        + " (from " + restore.fromPath() + ") but a snapshot at progress " + newest + " existed");
            }
        }
        for (ResourceKind kind : List.of(ResourceKind.FLINK_DEPLOYMENT)) {
            flink.allRunningJobs().keySet().forEach(cluster -> {
                if (cluster.kind() == kind && store.get(cluster).isEmpty()) {
                    found.add("orphaned cluster: " + cluster + " runs but its resource is deleted");
                }
            });
        }
        for (FlinkResource r : store.list(ResourceKind.FLINK_DEPLOYMENT)) {
            ResourceKey key = ResourceKey.of(r);
            if (lifecycle(key) == ResourceLifecycleState.STABLE && ((FlinkDeployment) r).spec().hasJob()
                    && !flink.runningJobs(key).exists(j -> j.jobId().equals(jobId(key)))) {
                found.add("status says " + key + " runs job " + jobId(key) + " but Flink does not run it");
            }
        }
        return List.ofAll(found);
    }

    /** A restore from the path the user named ({@code initialSavepointPath}, with a new redeploy nonce) is their choice. */
    private boolean chosenByUser(FakeFlink.Restore restore) {
        return restore.fromPath() != null && store.get(restore.cluster())
                .map(r -> r instanceof FlinkDeployment d && d.spec() != null && d.spec().job() != null
                        && restore.fromPath().equals(d.spec().job().initialSavepointPath()))
                .getOrElse(false);
    }

    /** A resource whose job must keep its state: its upgrade mode is not stateless. */
    private boolean stateful(ResourceKey cluster) {
        return store.get(cluster).map(r -> r instanceof FlinkDeployment d && d.spec() != null && d.spec().job() != null
                && d.spec().job().effectiveUpgradeMode() != UpgradeMode.STATELESS).getOrElse(false);
    }
}
