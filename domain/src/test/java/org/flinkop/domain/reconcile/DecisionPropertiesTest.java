package org.flinkop.domain.reconcile;

import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.decision.Decision;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.flinkop.domain.Docs;
import org.flinkop.domain.observe.CompletedCheckpoint;
import org.flinkop.domain.observe.Observed;
import org.flinkop.domain.observe.ObservedJob;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.junit.jupiter.api.Test;

/**
 * Seeded random walks: a resource is edited at random and shown random worlds (jobs in every state, clusters
 * lost, HA metadata present or not, checkpoints young and old, savepoints completing, failing or unknown).
 * After every pass the write-ahead invariants hold ({@link WriteAhead}) and deciding again on the same inputs
 * gives the same decision. The seed is printed, so a failure is reproducible.
 */
class DecisionPropertiesTest {

    private static final long SEED = Long.getLong("decisions.seed", 20261124L);
    private static final int WALKS = 1_500;
    private static final int STEPS = 40;
    private static final String[] MODES = {"stateless", "savepoint", "last-state"};

    @Test
    void every_decision_writes_ahead_and_is_deterministic() {
        Random random = new Random(SEED);
        int decisions = 0;
        for (int walk = 0; walk < WALKS; walk++) {
            Run run = new Run(Worlds.deployment(spec(random)));
            Instant now = Worlds.T0;
            for (int step = 0; step < STEPS; step++) {
                if (random.nextInt(6) == 0) {
                    run.edit(Worlds.deployment(spec(random)).spec());
                }
                now = now.plusSeconds(1 + random.nextInt(120));
                Observed observed = world(random, run, now);
                Decision<?> again = ApplicationDecider.decide(run.resource(), observed, now, OperatorSettings.defaults());
                Decision<?> decided = run.pass(observed, now);
                assertThat(decided).as("seed %d, walk %d, step %d", SEED, walk, step).isEqualTo(again);
                decisions++;
            }
        }
        System.out.printf("decision properties: %d walks, %d decisions, seed %d, 0 invariants broken%n", WALKS, decisions, SEED);
    }

    private static Map<String, Object> spec(Random random) {
        Map<String, Object> doc = Docs.application();
        Docs.set(doc, "spec.job.upgradeMode", MODES[random.nextInt(MODES.length)]);
        Docs.set(doc, "spec.job.parallelism", 1 + random.nextInt(3));
        if (random.nextInt(4) == 0) {
            Docs.set(doc, "spec.job.state", "suspended");
        }
        if (random.nextInt(5) == 0) {
            Docs.set(doc, "spec.flinkVersion", "v2_3");
        }
        if (random.nextInt(6) == 0) {
            Docs.set(doc, "spec.job.initialSavepointPath", "file:///sp/initial");
            Docs.set(doc, "spec.job.savepointRedeployNonce", random.nextInt(3));
        }
        if (random.nextInt(4) == 0) {
            Docs.set(doc, "spec.restartNonce", random.nextInt(3));
        }
        if (random.nextInt(5) == 0) {
            Docs.set(doc, "spec.flinkConfiguration[kubernetes.operator.job.upgrade.last-state.max.allowed.checkpoint.age]", "2 min");
        }
        if (random.nextInt(3) == 0) {
            Docs.set(doc, "spec.flinkConfiguration[kubernetes.operator.job.restart.failed]", "true");
        }
        if (random.nextInt(3) == 0) {
            Docs.set(doc, "spec.flinkConfiguration[kubernetes.operator.cluster.health-check.enabled]", "true");
            Docs.set(doc, "spec.flinkConfiguration[kubernetes.operator.cluster.health-check.restarts.threshold]", "20");
            Docs.set(doc, "spec.flinkConfiguration[execution.checkpointing.interval]", "10s");
        }
        if (random.nextInt(3) == 0) {
            Docs.set(doc, "spec.flinkConfiguration[kubernetes.operator.deployment.rollback.enabled]", "true");
            Docs.set(doc, "spec.flinkConfiguration[kubernetes.operator.deployment.readiness.timeout]", "1 min");
        }
        if (random.nextInt(4) == 0) {
            Docs.set(doc, "spec.flinkConfiguration[kubernetes.operator.periodic.savepoint.interval]", random.nextBoolean() ? "5 min" : "0 0/10 * * * ?");
        }
        return doc;
    }

    /** A world plausible for the resource now: often its own jobs, sometimes strangers, lost clusters and failures. */
    private static Observed world(Random random, Run run, Instant now) {
        JobManagerDeploymentStatus[] managers = JobManagerDeploymentStatus.values();
        JobManagerDeploymentStatus jm = random.nextInt(3) == 0 ? managers[random.nextInt(managers.length)] : JobManagerDeploymentStatus.READY;
        Option<ObservedJob> job = Option.none();
        if (jm != JobManagerDeploymentStatus.MISSING && random.nextInt(5) != 0) {
            String id = knownJobId(random, run);
            FlinkJobState[] states = FlinkJobState.values();
            FlinkJobState state = random.nextBoolean() ? FlinkJobState.RUNNING : states[random.nextInt(states.length)];
            job = Option.of(new ObservedJob(id, state));
        }
        boolean haSupported = random.nextBoolean();
        boolean haPresent = haSupported && random.nextBoolean();
        Option<CompletedCheckpoint> checkpoint = random.nextBoolean()
                ? Option.of(new CompletedCheckpoint("file:///cp/chk-" + random.nextInt(100), now.minusSeconds(random.nextInt(600))))
                : Option.none();
        Option<TriggerResult> trigger = switch (random.nextInt(5)) {
            case 0 -> Option.of(new TriggerResult.InProgress());
            case 1 -> Option.of(new TriggerResult.Completed("file:///sp/savepoint-" + random.nextInt(100)));
            case 2 -> Option.of(new TriggerResult.Failed("checkpoint declined"));
            case 3 -> Option.of(new TriggerResult.Unknown());
            default -> Option.none();
        };
        return new Observed(jm, job, haSupported, haPresent, checkpoint, trigger, random.nextBoolean() ? Option.of(random.nextInt(200)) : Option.none());
    }

    private static String knownJobId(Random random, Run run) {
        var status = run.status();
        if (status != null && status.reconciliationStatus() != null && status.reconciliationStatus().upgrade() != null && random.nextBoolean()) {
            return status.reconciliationStatus().upgrade().jobId();
        }
        if (status != null && status.jobStatus() != null && status.jobStatus().jobId() != null && random.nextInt(3) != 0) {
            return status.jobStatus().jobId();
        }
        return "stranger" + random.nextInt(2);
    }
}
