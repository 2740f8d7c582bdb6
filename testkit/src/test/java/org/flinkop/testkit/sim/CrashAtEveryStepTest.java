package org.flinkop.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.testkit.sim.Resources.application;
import static org.flinkop.testkit.sim.Resources.deployment;

import io.vavr.collection.List;
import java.time.Duration;
import java.util.Map;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.junit.jupiter.api.Test;

/**
 * Every scenario, run once as is and once more for every effectful call the operator makes in it, with the
 * operator crashing right after that call. After each run: no state lost, never two jobs for one application,
 * no orphaned cluster, a status that matches the world, and the scenario's own outcome reached.
 */
@SuppressWarnings("unchecked")
class CrashAtEveryStepTest {

    private static final ResourceKey ORDERS = deployment("orders");
    private static final Duration LIMIT = Duration.ofMinutes(3);

    private static long completedSnapshots(Simulation sim) {
        return sim.store().list(org.flinkop.domain.resource.ResourceKind.FLINK_STATE_SNAPSHOT)
                .count(r -> r.metadata().deletionTimestamp() == null && ((org.flinkop.domain.resource.FlinkStateSnapshot) r).status() != null
                        && ((org.flinkop.domain.resource.FlinkStateSnapshot) r).status().state() == org.flinkop.domain.resource.SnapshotState.COMPLETED);
    }

    private static boolean stable(Simulation sim, ResourceKey key) {
        return sim.lifecycle(key) == ResourceLifecycleState.STABLE;
    }

    /** Deploys {@code orders} and lets it run and checkpoint for a while. */
    private static String deployAndRun(Simulation sim, String mode) {
        sim.apply(application("orders", mode, 2));
        sim.runUntil("orders runs", s -> stable(s, ORDERS), LIMIT);
        sim.run(Duration.ofSeconds(20));
        return sim.jobId(ORDERS);
    }

    private static void upgradeTo(Simulation sim, String mode, String oldJob) {
        sim.apply(application("orders", mode, 4));
        sim.runUntil("orders runs the new spec", s -> stable(s, ORDERS) && !oldJob.equals(s.jobId(ORDERS)), LIMIT);
    }

    static final List<Scenario> SCENARIOS = List.of(
            Scenario.of("first deploy", sim -> {
                sim.apply(application("orders", "savepoint", 2));
                sim.runUntil("orders runs", s -> stable(s, ORDERS), LIMIT);
            }),
            Scenario.of("savepoint upgrade", sim -> upgradeTo(sim, "savepoint", deployAndRun(sim, "savepoint"))),
            Scenario.of("last-state upgrade from HA metadata", sim -> upgradeTo(sim, "last-state", deployAndRun(sim, "last-state"))),
            Scenario.withoutHa("last-state upgrade from the latest checkpoint", sim -> upgradeTo(sim, "last-state", deployAndRun(sim, "last-state"))),
            Scenario.of("stateless upgrade", sim -> upgradeTo(sim, "stateless", deployAndRun(sim, "stateless"))),
            Scenario.of("savepoint redeploy nonce", sim -> {
                String old = deployAndRun(sim, "savepoint");
                String savepoint = sim.flink().taken().last().path();
                sim.apply(Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkDeployment", "metadata", Map.of("name", "orders", "namespace", "streaming"),
                        "spec", ((Map<?, ?>) application("orders", "savepoint", 2).get("spec")).entrySet().stream().collect(java.util.stream.Collectors.toMap(
                                e -> (String) e.getKey(), e -> e.getKey().equals("job") ? Map.of("jarURI", "local:///opt/flink/job.jar", "parallelism", 2,
                                        "upgradeMode", "savepoint", "initialSavepointPath", savepoint, "savepointRedeployNonce", 1) : e.getValue()))));
                sim.runUntil("orders redeployed", s -> stable(s, ORDERS) && !old.equals(s.jobId(ORDERS)), LIMIT);
            }),
            Scenario.of("suspend and resume", sim -> {
                String old = deployAndRun(sim, "savepoint");
                sim.apply(application("orders", "savepoint", 2, "suspended", Map.of()));
                sim.runUntil("orders suspended", s -> s.lifecycle(ORDERS) == ResourceLifecycleState.SUSPENDED && !s.flink().clusterExists(ORDERS), LIMIT);
                sim.apply(application("orders", "savepoint", 2));
                sim.runUntil("orders resumed", s -> stable(s, ORDERS) && !old.equals(s.jobId(ORDERS)), LIMIT);
            }),
            Scenario.of("JobManager lost with HA metadata", sim -> {
                String old = deployAndRun(sim, "last-state");
                sim.flink().loseJobManager(ORDERS);
                sim.runUntil("orders recovered", s -> stable(s, ORDERS) && !old.equals(s.jobId(ORDERS)), LIMIT);
            }),
            Scenario.withoutHa("JobManager lost without HA metadata is blocked, never started empty", sim -> {
                deployAndRun(sim, "last-state");
                int restoresBefore = sim.flink().restores().size();
                sim.flink().loseJobManager(ORDERS);
                sim.runUntil("orders blocked", s -> s.lifecycle(ORDERS) == ResourceLifecycleState.FAILED, LIMIT);
                sim.run(Duration.ofSeconds(30));
                assertThat(sim.flink().restores().size()).as("nothing restarted").isEqualTo(restoresBefore);
                assertThat(((FlinkDeployment) sim.store().get(ORDERS).get()).status().error()).startsWith("MANUAL_RESTORE_REQUIRED");
            }),
            Scenario.of("a failed savepoint is retried, the job running meanwhile", sim -> {
                String old = deployAndRun(sim, "savepoint");
                sim.flink().failNextSavepoint(ORDERS, "checkpoint declined");
                upgradeTo(sim, "savepoint", old);
            }),
            Scenario.of("failed job restarted from its checkpoint", sim -> {
                sim.apply(application("orders", "last-state", 2, "running", Map.of("kubernetes.operator.job.restart.failed", "true")));
                sim.runUntil("orders runs", s -> stable(s, ORDERS), LIMIT);
                sim.run(Duration.ofSeconds(20));
                String old = sim.jobId(ORDERS);
                sim.flink().failJob(ORDERS, old, "NullPointerException in a map function");
                sim.runUntil("orders restarted", s -> stable(s, ORDERS) && !old.equals(s.jobId(ORDERS)), LIMIT);
            }),
            Scenario.of("delete cleans up", sim -> {
                deployAndRun(sim, "last-state");
                sim.delete(ORDERS);
                sim.runUntil("orders gone with its cluster", s -> s.store().get(ORDERS).isEmpty() && !s.flink().clusterExists(ORDERS)
                        && !s.flink().observe(ORDERS).get().haMetadataPresent(), LIMIT);
            }),
            Scenario.of("periodic savepoints with history retention", sim -> {
                sim.apply(application("orders", "savepoint", 2, "running", Map.of("kubernetes.operator.periodic.savepoint.interval", "10s",
                        "kubernetes.operator.savepoint.history.max.count", "2", "kubernetes.operator.savepoint.dispose-on-delete", "true")));
                sim.runUntil("old periodic savepoints disposed", s -> s.flink().disposedSavepoints().size() >= 2 && completedSnapshots(s) <= 2, LIMIT);
            }),
            Scenario.of("a savepoint snapshot retried with backoff", sim -> {
                deployAndRun(sim, "savepoint");
                sim.flink().failNextSavepoint(ORDERS, "checkpoint declined by a task");
                sim.apply(Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkStateSnapshot", "metadata", Map.of("name", "manual", "namespace", "streaming"),
                        "spec", Map.of("backoffLimit", 2, "jobReference", Map.of("kind", "FlinkDeployment", "name", "orders"), "savepoint", Map.of())));
                sim.runUntil("snapshot completed", s -> completedSnapshots(s) == 1, LIMIT);
            }),
            Scenario.of("a spec that never runs is rolled back", sim -> {
                Map<String, String> rollback = Map.of("kubernetes.operator.deployment.rollback.enabled", "true",
                        "kubernetes.operator.deployment.readiness.timeout", "20s");
                sim.apply(application("orders", "savepoint", 2, "running", rollback));
                sim.runUntil("orders runs", s -> stable(s, ORDERS), LIMIT);
                sim.run(Duration.ofSeconds(20));
                Map<String, Object> broken = new java.util.HashMap<>(application("orders", "savepoint", 2, "running", rollback));
                Map<String, Object> spec = new java.util.HashMap<>((Map<String, Object>) broken.get("spec"));
                spec.put("image", "flink:" + org.flinkop.testkit.flink.FakeFlink.CRASH_LOOP);
                broken.put("spec", spec);
                sim.apply(broken);
                sim.runUntil("rolled back and running", s -> s.lifecycle(ORDERS) == ResourceLifecycleState.ROLLED_BACK
                        && s.flink().runningJobs(ORDERS).exists(j -> j.jobId().equals(s.jobId(ORDERS))), LIMIT);
            }),
            Scenario.of("session cluster with two session jobs, one upgraded", sim -> {
                ResourceKey session = deployment("session");
                sim.apply(Resources.sessionCluster("session"));
                sim.apply(Resources.sessionJob("clicks", "session", "savepoint", 1));
                sim.apply(Resources.sessionJob("views", "session", "stateless", 1));
                sim.runUntil("both jobs run", s -> stable(s, Resources.sessionJobKey("clicks")) && stable(s, Resources.sessionJobKey("views")), LIMIT);
                String old = sim.jobId(Resources.sessionJobKey("clicks"));
                sim.apply(Resources.sessionJob("clicks", "session", "savepoint", 2));
                sim.runUntil("clicks upgraded", s -> stable(s, Resources.sessionJobKey("clicks")) && !old.equals(s.jobId(Resources.sessionJobKey("clicks"))), LIMIT);
                assertThat(sim.flink().runningJobs(session)).hasSize(2);
            }));

    @Test
    void no_invariant_breaks_whichever_step_the_operator_crashes_after() {
        CrashExplorer.Report report = CrashExplorer.explore(SCENARIOS);

        System.out.println(report.summary());
        assertThat(report.violations()).as(report.summary()).isEmpty();
        assertThat(report.crashes()).isGreaterThan(report.scenarios());
    }

    @Test
    void no_invariant_breaks_under_seeded_random_faults() {
        long first = Long.getLong("faults.seed", 1L);
        CrashExplorer.FaultReport report = CrashExplorer.exploreFaults(SCENARIOS, first, Integer.getInteger("faults.seeds", 100));

        System.out.println(report.summary() + " (seeds from " + first + "; -Dfaults.seed=N -Dfaults.seeds=K to replay)");
        assertThat(report.violations()).as(report.summary()).isEmpty();
        assertThat(report.faults()).isGreaterThan(report.runs());
    }
}
