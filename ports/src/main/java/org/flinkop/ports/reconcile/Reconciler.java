package org.flinkop.ports.reconcile;

import io.vavr.collection.List;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Instant;
import org.flinkop.domain.decision.Action;
import org.flinkop.domain.decision.Decision;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.reconcile.Forecast;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.FlinkStateSnapshot;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.artifact.Artifacts;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.flinkop.ports.flink.FlinkJobClient;
import org.flinkop.ports.store.ResourceStore;

/**
 * Runs one pass for one resource: observe through the ports, decide, write the status to record, then execute
 * the decision's actions in order. Nothing is decided when observing fails; nothing is acted on when recording
 * fails; an action that fails stops the pass and leaves the status saying what was attempted and why. Not
 * thread-safe for one resource: the control loop runs one pass per resource at a time.
 */
public final class Reconciler {

    /** The finalizer the operator puts on every resource, so that deletion waits for cleanup. */
    public static final String FINALIZER = "flinkop.org/finalizer";

    /** What a pass works through. */
    public record Ports(ResourceStore store, ClusterDeployer deployer, FlinkJobClient flink, Artifacts artifacts, Clock clock, OperatorSettings settings) {
    }

    private final Ports ports;
    private final DeploymentPass deployments;
    private final SessionJobPass sessionJobs;
    private final SnapshotPass snapshots;

    public Reconciler(Ports ports) {
        this.ports = ports;
        this.deployments = new DeploymentPass(ports);
        this.sessionJobs = new SessionJobPass(ports);
        this.snapshots = new SnapshotPass(ports);
    }

    public PassOutcome reconcile(ResourceKey key) {
        var stored = ports.store().get(key);
        if (stored.isEmpty()) {
            return PassOutcome.gone();
        }
        FlinkResource resource = stored.get();
        if (resource.metadata().deletionTimestamp() == null && !resource.metadata().finalizers().contains(FINALIZER)) {
            var withFinalizer = ports.store().addFinalizer(key, FINALIZER);
            if (withFinalizer.isLeft()) {
                return PassOutcome.failed("adding the finalizer to " + key, withFinalizer.getLeft());
            }
            resource = withFinalizer.get();
        }
        if (resource instanceof FlinkDeployment deployment) {
            return deployments.run(deployment);
        }
        if (resource instanceof FlinkSessionJob job) {
            return sessionJobs.run(job);
        }
        return snapshots.run((FlinkStateSnapshot) resource);
    }

    /**
     * What a pass would decide for {@code proposed} (a resource as it would be stored, with its recorded status),
     * observing the world but changing nothing: no status written, no action taken.
     */
    public io.vavr.control.Either<org.flinkop.ports.PortFailure, org.flinkop.domain.decision.Decision<?>> plan(FlinkResource proposed) {
        var decided = proposed instanceof FlinkDeployment d ? deployments.decide(d)
                : proposed instanceof FlinkSessionJob j ? sessionJobs.decide(j)
                : snapshots.decide((FlinkStateSnapshot) proposed);
        return decided.map(DeploymentPass.Decided::decision);
    }

    /**
     * The actions the passes for {@code proposed} would take, in order, if each succeeded: the whole way of an
     * upgrade (stop with a savepoint, remove the cluster, deploy restoring from it), not only the first pass's
     * step. Observes the world, changes nothing.
     */
    public Either<PortFailure, List<Action>> forecast(FlinkResource proposed) {
        Instant now = ports.clock().instant();
        if (proposed instanceof FlinkDeployment d && d.spec() != null && d.spec().hasJob()) {
            // a cluster found in place of a never deployed one is not forecast through: the pass only records what it found
            return deployments.decide(d).map(decided -> decided.world().isEmpty() ? decided.decision().effects()
                    : Forecast.of(d, decided.world().get(), now, ports.settings()));
        }
        if (proposed instanceof FlinkSessionJob j) {
            return sessionJobs.decide(j).map(decided -> Forecast.of(j, decided.world().get(), now, ports.settings()));
        }
        return plan(proposed).map(Decision::effects);
    }
}
