package org.flinkop.runtime.operator.lifecycle;

import io.vavr.control.Either;
import java.time.Duration;
import org.flinkop.ports.Done;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.flinkop.ports.loop.ControlLoop;
import org.flinkop.ports.store.ResourceStore;
import org.flinkop.runtime.operator.logging.OperatorLog;
import org.flinkop.runtime.operator.loop.PoolScheduler;
import org.flinkop.runtime.operator.reconcile.RelatedTriggers;

/**
 * The control loop on its thread pool, fed by the store's informers (a change also reaches the resource that
 * depends on the changed one, see {@link RelatedTriggers}) and by the deployer's watch of the clusters' own objects. Stopping stops taking work, lets the passes in flight finish within the grace, then stops the
 * threads.
 */
public final class LoopLifecycle implements Lifecycle {

    private final ControlLoop loop;
    private final ResourceStore store;
    private final PoolScheduler scheduler;
    private final ClusterDeployer deployer;
    private final OperatorLog log;
    private AutoCloseable clusterChanges;
    private AutoCloseable relatedChanges;

    public LoopLifecycle(ControlLoop loop, ResourceStore store, PoolScheduler scheduler, ClusterDeployer deployer, OperatorLog log) {
        this.loop = loop;
        this.store = store;
        this.scheduler = scheduler;
        this.deployer = deployer;
        this.log = log;
    }

    @Override
    public String name() {
        return "control loop";
    }

    @Override
    public synchronized Either<String, Done> start() {
        clusterChanges = deployer.watch(loop::trigger);
        relatedChanges = store.watch(new RelatedTriggers(store, loop::trigger));
        loop.start();
        return Either.right(Done.DONE);
    }

    @Override
    public synchronized void stop(Duration grace) {
        try {
            boolean finished = loop.stop(grace);
            if (!finished) {
                log.warn("passes still running after the shutdown timeout; they are interrupted", OperatorLog.fields("timeout_s", grace.toSeconds()));
            }
            if (relatedChanges != null) {
                relatedChanges.close();
                relatedChanges = null;
            }
            if (clusterChanges != null) {
                clusterChanges.close();
                clusterChanges = null;
            }
            scheduler.close(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("the deployer's watch did not close", OperatorLog.fields("error", e.toString()));
        }
    }
}
