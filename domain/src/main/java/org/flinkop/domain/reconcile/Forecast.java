package org.flinkop.domain.reconcile;

import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.flinkop.domain.decision.Action;
import org.flinkop.domain.decision.Decision;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.observe.Observed;
import org.flinkop.domain.observe.ObservedJob;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;

/**
 * What the operator would do, step by step, to realise a change: the decisions of the passes that would follow,
 * each taken on the world as it would be if every earlier action succeeded (a stop with a savepoint leaves the job
 * finished and the savepoint written, a deployment leaves the new job running). A savepoint upgrade forecasts as
 * "stop with a savepoint, remove the cluster, deploy restoring from that savepoint", though its first pass only
 * records the savepoint's trigger. Pure: nothing is observed or done.
 */
public final class Forecast {

    /** Where a savepoint the forecast assumes will be written; shown in the steps that restore from it. */
    public static final String NEW_SAVEPOINT = "(the savepoint the stop writes)";
    private static final int MAX_PASSES = 12;
    private static final Duration PASS = Duration.ofSeconds(1);

    private Forecast() {
    }

    /** The world-changing actions the passes for an application would take, in order, starting from {@code observed}. */
    public static List<Action> of(FlinkDeployment resource, Observed observed, Instant now, OperatorSettings settings) {
        return passes(resource, observed, now, (current, world, at) -> ApplicationDecider.decide(current, world, at, settings), FlinkDeployment::withStatus,
                current -> current.status().reconciliationStatus() != null && current.status().reconciliationStatus().upgrade() != null);
    }

    /** The same for a session job. */
    public static List<Action> of(FlinkSessionJob resource, Observed observed, Instant now, OperatorSettings settings) {
        return passes(resource, observed, now, (current, world, at) -> SessionJobDecider.decide(current, world, at, settings), FlinkSessionJob::withStatus,
                current -> current.status().reconciliationStatus() != null && current.status().reconciliationStatus().upgrade() != null);
    }

    /** One pass of a decider over a resource as it stands, in a world as it is observed, at an instant. */
    private interface Pass<R, S> {
        Decision<S> decide(R resource, Observed world, Instant at);
    }

    /**
     * Runs passes one second apart, each on the status the last one recorded and in the world its actions would leave,
     * until a pass does nothing while no upgrade is in flight (or {@link #MAX_PASSES} have run).
     */
    private static <R, S> List<Action> passes(R resource, Observed observed, Instant now, Pass<R, S> pass, BiFunction<R, S, R> withStatus, Predicate<R> upgrading) {
        List<Action> steps = List.empty();
        R current = resource;
        Observed world = observed;
        for (int i = 0; i < MAX_PASSES; i++) {
            Decision<S> decision = pass.decide(current, world, now.plus(PASS.multipliedBy(i)));
            steps = steps.appendAll(decision.effects());
            current = withStatus.apply(current, decision.statusToRecord());
            if (decision.effects().isEmpty() && !upgrading.test(current)) {
                break;
            }
            world = afterwards(world, decision.effects());
        }
        return steps;
    }

    /** The world once {@code actions} succeeded. */
    static Observed afterwards(Observed world, List<Action> actions) {
        Observed next = world;
        for (Action action : actions) {
            if (action instanceof Action.StopJobWithSavepoint stop) {
                next = with(next, next.jobManager(), Option.of(new ObservedJob(stop.jobId(), FlinkJobState.FINISHED)), Option.of(new TriggerResult.Completed(NEW_SAVEPOINT)));
            } else if (action instanceof Action.CancelJob cancel) {
                next = with(next, next.jobManager(), Option.of(new ObservedJob(cancel.jobId(), FlinkJobState.CANCELED)), next.savepointTrigger());
            } else if (action instanceof Action.DeleteCluster) {
                next = with(next, JobManagerDeploymentStatus.MISSING, Option.none(), Option.none());
            } else if (action instanceof Action.DeployCluster deploy) {
                next = with(next, JobManagerDeploymentStatus.READY, Option.of(new ObservedJob(deploy.jobId(), FlinkJobState.RUNNING)), Option.none());
            } else if (action instanceof Action.SubmitJob submit) {
                next = with(next, next.jobManager(), Option.of(new ObservedJob(submit.jobId(), FlinkJobState.RUNNING)), Option.none());
            }
        }
        return next;
    }

    private static Observed with(Observed o, JobManagerDeploymentStatus jobManager, Option<ObservedJob> job, Option<TriggerResult> trigger) {
        return new Observed(jobManager, job, o.haSupported(), o.haMetadataPresent(), o.latestCheckpoint(), trigger, Option.none(), o.inPlaceRescale());
    }
}
