package org.flinkop.domain.reconcile;

import io.vavr.control.Option;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flinkop.domain.Docs;
import org.flinkop.domain.decision.Decision;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.observe.CompletedCheckpoint;
import org.flinkop.domain.observe.Observed;
import org.flinkop.domain.observe.ObservedJob;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of {@code decide} for a realistic application: pod templates, a dozen configuration keys, a
 * recorded savepoint, periodic savepoints on, the health check on. Two passes: one in the middle of a savepoint
 * upgrade (the savepoint is being written), one steady (the full spec diff, the health check and the snapshot
 * schedule run). Run with {@code scripts/bench-decide.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecideBenchmark {

    private static final Instant T0 = Worlds.T0;

    private FlinkDeployment midUpgrade;
    private Observed savepointInProgress;
    private FlinkDeployment steady;
    private Observed steadyWorld;
    private Instant now;

    @Setup
    public void setUp() {
        Map<String, Object> doc = Docs.set(Docs.application(), "spec.podTemplate", Docs.tree("spec", Docs.tree("containers",
                List.of(Docs.tree("name", "flink-main-container", "env", List.of(Docs.tree("name", "TZ", "value", "UTC")))))));
        Map.of("kubernetes.operator.periodic.savepoint.interval", "6h", "kubernetes.operator.cluster.health-check.enabled", "true",
                "execution.checkpointing.interval", "30s", "high-availability.type", "kubernetes", "high-availability.storageDir", "file:///ha",
                "state.backend.type", "rocksdb", "pipeline.max-parallelism", "128", "kubernetes.operator.savepoint.history.max.count", "5",
                "metrics.reporters", "prom", "restart-strategy.type", "exponential-delay")
                .forEach((k, v) -> Docs.set(doc, "spec.flinkConfiguration[" + k + "]", v));
        Run run = new Run(Worlds.deployment(doc));
        run.pass(Worlds.missing(), T0);
        run.pass(Worlds.running(run.pendingJobId()), T0.plusSeconds(5));
        String jobId = run.status().jobStatus().jobId();
        steady = run.resource();
        now = T0.plusSeconds(600);
        steadyWorld = new Observed(JobManagerDeploymentStatus.READY, Option.of(new ObservedJob(jobId, FlinkJobState.RUNNING)), true, true,
                Option.of(new CompletedCheckpoint("file:///cp/chk-40", now.minusSeconds(20))), Option.none(), Option.of(3));

        run.edit(Worlds.deployment(Docs.set(doc, "spec.job.parallelism", 4)).spec());
        run.pass(Worlds.running(jobId), now);
        midUpgrade = run.resource();
        savepointInProgress = new Observed(JobManagerDeploymentStatus.READY, Option.of(new ObservedJob(jobId, FlinkJobState.RUNNING)), true, true,
                Option.of(new CompletedCheckpoint("file:///cp/chk-41", now.minusSeconds(5))), Option.of(new TriggerResult.InProgress()), Option.of(3));
    }

    @Benchmark
    public Decision<FlinkDeploymentStatus> midUpgrade() {
        return ApplicationDecider.decide(midUpgrade, savepointInProgress, now, OperatorSettings.defaults());
    }

    @Benchmark
    public Decision<FlinkDeploymentStatus> steady() {
        return ApplicationDecider.decide(steady, steadyWorld, now, OperatorSettings.defaults());
    }
}
