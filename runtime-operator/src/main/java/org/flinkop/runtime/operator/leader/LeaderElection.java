package org.flinkop.runtime.operator.leader;

import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.flinkop.ports.Done;
import org.flinkop.runtime.operator.lifecycle.Lifecycle;
import org.flinkop.runtime.operator.logging.OperatorLog;

/**
 * The operator's parts that act (the control loop and what feeds it), started only once this operator holds the
 * Lease. Starting this part starts the election and returns at once: a standby is up and ready, its informers warm,
 * and takes over within a lease duration when the leader goes. When leadership is lost, the gate has already stopped
 * every action ({@link LeaderOnly}); the acting parts are stopped and {@code lost} is told why, which stops the
 * operator with a non-zero exit code so that Kubernetes starts it again as a candidate. Stopping stops the acting
 * parts first (passes in flight finish while the Lease is still renewed), then releases the Lease.
 */
public final class LeaderElection implements Lifecycle {

    private final LeaseElector elector;
    private final List<Lifecycle> acting;
    private final Consumer<String> lost;
    private final OperatorLog log;
    private final Deque<Lifecycle> started = new ArrayDeque<>();
    private boolean stopped;

    /**
     * @param acting the parts that run only while leading, in start order
     * @param lost   told why leadership was lost, on a thread of its own
     */
    public LeaderElection(LeaseElector elector, List<Lifecycle> acting, Consumer<String> lost, OperatorLog log) {
        this.elector = elector;
        this.acting = List.copyOf(acting);
        this.lost = lost;
        this.log = log;
    }

    @Override
    public String name() {
        return "leader election";
    }

    @Override
    public Either<String, Done> start() {
        log.info("leader election: waiting for the Lease", OperatorLog.fields("identity", elector.identity(), "namespace", elector.namespace()));
        elector.start(new LeaseElector.Listener() {
            @Override
            public void startedLeading() {
                log.info("leader election: this operator leads", OperatorLog.fields("identity", elector.identity()));
                startActing();
            }

            @Override
            public void stoppedLeading(String why) {
                log.error("leader election: this operator lost the Lease; it stops acting and exits", OperatorLog.fields("identity", elector.identity(),
                        "why", why), null);
                giveUp(why);
            }

            @Override
            public void leaderIs(String identity) {
                log.info("leader election: another operator leads", OperatorLog.fields("identity", elector.identity(), "leader",
                        identity.isEmpty() ? "none" : identity));
            }
        });
        return Either.right(Done.DONE);
    }

    private synchronized void startActing() {
        if (stopped) {
            return;
        }
        for (Lifecycle part : acting) {
            Either<String, Done> result = part.start();
            if (result.isLeft()) {
                log.error("could not start", OperatorLog.fields("part", part.name(), "error", result.getLeft()), null);
                giveUp(part.name() + ": " + result.getLeft());
                return;
            }
            started.push(part);
        }
    }

    /** The runtime's stop stops this part too, which must not wait for the election's own thread: it runs on another. */
    private void giveUp(String why) {
        new Thread(() -> lost.accept(why), "flinkop-lost-lease").start();
    }

    private synchronized void stopActing(Duration grace) {
        stopped = true;
        while (!started.isEmpty()) {
            Lifecycle part = started.pop();
            try {
                part.stop(grace);
            } catch (RuntimeException e) {
                log.error("could not stop cleanly", OperatorLog.fields("part", part.name()), e);
            }
        }
    }

    @Override
    public void stop(Duration grace) {
        stopActing(grace);
        elector.stop();
    }
}
