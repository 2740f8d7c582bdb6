package org.flinkop.ports.reconcile;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.flinkop.domain.config.FlinkDuration;
import org.flinkop.domain.config.FlinkOptions;
import org.flinkop.domain.decision.Action;
import org.flinkop.domain.decision.Decision;
import org.flinkop.domain.decision.EventReason;
import org.flinkop.domain.observe.CompletedCheckpoint;
import org.flinkop.domain.observe.Observed;
import org.flinkop.domain.observe.ObservedJob;
import org.flinkop.domain.observe.PriorCluster;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.reconcile.ApplicationDecider;
import org.flinkop.domain.reconcile.PriorClusterDecider;
import org.flinkop.domain.reconcile.SessionClusterDecider;
import org.flinkop.domain.snapshot.SnapshotRetention;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.FlinkStateSnapshot;
import org.flinkop.domain.resource.JobKind;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.resource.StateLocationKind;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.cluster.ClusterObservation;
import org.flinkop.ports.flink.JobDetails;

/** One pass for a FlinkDeployment: observe its cluster and job, decide, record, act. */
final class DeploymentPass {

    private final Reconciler.Ports ports;

    DeploymentPass(Reconciler.Ports ports) {
        this.ports = ports;
    }

    PassOutcome run(FlinkDeployment deployment) {
        Either<PortFailure, List<String>> restored = restoreDeleted(deployment);
        if (restored.isLeft()) {
            return PassOutcome.failed("restoring the deleted objects of the cluster of " + ResourceKey.of(deployment), restored.getLeft());
        }
        Either<PortFailure, Decided> decided = decide(deployment);
        if (decided.isLeft()) {
            // nothing is decided on a partial view: an unreachable job is not a stopped job
            return PassOutcome.failed("observing " + ResourceKey.of(deployment), decided.getLeft());
        }
        Decision<?> decision = withRestoredEvent(decided.get().decision(), restored.get());
        return Execution.recordThenAct(ports, deployment, deployment.withStatus((FlinkDeploymentStatus) decision.statusToRecord()), decision,
                decided.get().endpoint());
    }

    /**
     * A deployed cluster that someone took a part of (its configuration, a Service) gets it back before it is
     * observed: the part is made again as it was deployed, and the job runs on. Not while the resource is deleted
     * (what is left of its cluster goes), nor before it was ever deployed (there is nothing to make whole).
     */
    private Either<PortFailure, List<String>> restoreDeleted(FlinkDeployment deployment) {
        if (deployment.metadata().deletionTimestamp() != null || neverDeployed(deployment)) {
            return Either.right(List.empty());
        }
        return ports.deployer().restoreDeleted(ResourceKey.of(deployment));
    }

    private static Decision<?> withRestoredEvent(Decision<?> decision, List<String> restored) {
        if (restored.isEmpty()) {
            return decision;
        }
        Action event = new Action.RecordEvent(EventReason.CLUSTER_OBJECTS_RESTORED, Action.EventType.WARNING,
                "made again what was deleted while the cluster ran: " + restored.mkString(", "));
        return new Decision<>(decision.statusToRecord(), decision.actions().prepend(event), decision.lookAgainAfter());
    }

    /**
     * Observes and decides, acting on nothing. A resource never deployed is first checked for a cluster already
     * standing in its place (see {@link PriorClusterDecider}).
     */
    Either<PortFailure, Decided> decide(FlinkDeployment deployment) {
        if (neverDeployed(deployment) && deployment.spec() != null) {
            Either<PortFailure, Option<PriorCluster>> prior = ports.deployer().priorCluster(ResourceKey.of(deployment));
            if (prior.isLeft()) {
                return Either.left(prior.getLeft());
            }
            if (prior.get().isDefined()) {
                return Either.right(new Decided(PriorClusterDecider.decide(deployment, prior.get().get(), ports.clock().instant(), ports.settings()),
                        Option.none(), Option.none()));
            }
        }
        return observe(ResourceKey.of(deployment), deployment).map(observed -> {
            Instant now = ports.clock().instant();
            Decision<FlinkDeploymentStatus> decision = deployment.spec() != null && deployment.spec().hasJob()
                    ? withRetention(deployment, ApplicationDecider.decide(deployment, observed.world(), now, ports.settings()), now)
                    : SessionClusterDecider.decide(deployment, observed.world(), activeSessionJobs(deployment), now, ports.settings());
            return new Decided(decision, observed.endpoint(), Option.of(observed.world()));
        });
    }

    /** A decision, the endpoint its actions talk to, and the world it was taken on (none for snapshots). */
    record Decided(Decision<?> decision, Option<URI> endpoint, Option<Observed> world) {
    }

    /**
     * Adds the deletion of the snapshots the history limits let go ({@code kubernetes.operator.savepoint.history.*}):
     * never a manual one, the newest completed one, or one whose path the decided status still needs.
     */
    private Decision<FlinkDeploymentStatus> withRetention(FlinkDeployment deployment, Decision<FlinkDeploymentStatus> decision, Instant now) {
        Map<String, String> configuration = deployment.spec().configuration();
        Option<Integer> maxCount = FlinkOptions.positiveInteger(configuration.get(FlinkOptions.SAVEPOINT_HISTORY_MAX_COUNT));
        Option<Duration> maxAge = Option.of(configuration.get(FlinkOptions.SAVEPOINT_HISTORY_MAX_AGE)).flatMap(FlinkDuration::parse);
        if (maxCount.isEmpty() && maxAge.isEmpty() || deployment.metadata().deletionTimestamp() != null) {
            return decision;
        }
        List<FlinkStateSnapshot> mine = ports.store().list(ResourceKind.FLINK_STATE_SNAPSHOT).map(r -> (FlinkStateSnapshot) r)
                .filter(snap -> snap.metadata().deletionTimestamp() == null && snap.spec() != null && snap.spec().jobReference() != null
                        && snap.spec().jobReference().kind() == JobKind.FLINK_DEPLOYMENT
                        && deployment.metadata().name().equals(snap.spec().jobReference().name())
                        && java.util.Objects.equals(deployment.metadata().namespace(), snap.metadata().namespace()));
        List<Action> deletions = SnapshotRetention.expired(mine, maxCount, maxAge, neededPaths(decision.statusToRecord()), now)
                .map(snap -> (Action) new Action.DeleteSnapshot(snap.metadata().namespace(), snap.metadata().name()));
        return deletions.isEmpty() ? decision : new Decision<>(decision.statusToRecord(), decision.actions().appendAll(deletions), decision.lookAgainAfter());
    }

    private static java.util.Set<String> neededPaths(FlinkDeploymentStatus status) {
        java.util.Set<String> paths = new java.util.HashSet<>();
        if (status != null && status.jobStatus() != null && status.jobStatus().upgradeSavepointPath() != null) {
            paths.add(status.jobStatus().upgradeSavepointPath());
        }
        if (status != null && status.reconciliationStatus() != null && status.reconciliationStatus().upgrade() != null
                && status.reconciliationStatus().upgrade().restoreFrom().path() != null) {
            paths.add(status.reconciliationStatus().upgrade().restoreFrom().path());
        }
        return paths;
    }


    /** What the decision sees, and the REST endpoint actions use. */
    record Observation(Observed world, Option<URI> endpoint) {
    }

    private Either<PortFailure, Observation> observe(ResourceKey key, FlinkDeployment deployment) {
        if (neverDeployed(deployment)) {
            return Either.right(new Observation(new Observed(JobManagerDeploymentStatus.MISSING, Option.none(), ports.deployer().keepsHaMetadata(), false,
                    Option.none(), Option.none(), Option.none(), ports.deployer().rescalesInPlace()), Option.none()));
        }
        Either<PortFailure, ClusterObservation> cluster = haMetadataMatters(deployment) ? ports.deployer().observe(key) : ports.deployer().observeRunning(key);
        if (cluster.isLeft()) {
            return Either.left(cluster.getLeft());
        }
        ClusterObservation c = cluster.get();
        boolean inPlace = ports.deployer().rescalesInPlace();
        Observed nothingRuns = new Observed(c.jobManager(), Option.none(), ports.deployer().keepsHaMetadata(), c.haMetadataPresent(),
                c.retainedCheckpoint(), Option.none(), Option.none(), inPlace, c.problem());
        if (c.restEndpoint().isEmpty() || deployment.spec() == null || !deployment.spec().hasJob()) {
            return Either.right(new Observation(nothingRuns, c.restEndpoint()));
        }
        URI endpoint = c.restEndpoint().get();
        FlinkDeploymentStatus status = deployment.status();
        return JobObservation.of(ports, endpoint, status == null ? List.empty() : knownJobIds(status.reconciliationStatus(), status.jobStatus()),
                status == null ? Option.none() : pendingTrigger(status.reconciliationStatus()), true)
                .map(job -> new Observation(new Observed(c.jobManager(), job.job(), ports.deployer().keepsHaMetadata(), c.haMetadataPresent(),
                        // a running cluster's own latest checkpoint: one left on disk by an earlier job may be older than
                        // the state this job started from
                        job.job().isDefined() ? job.latestCheckpoint() : c.retainedCheckpoint(), job.trigger(), job.restarts(), inPlace, c.problem()),
                        Option.of(endpoint)));
    }

    /**
     * Whether no cluster of this resource can exist: it is not being deleted and its status records no reconciled
     * spec. Every deploy is recorded in the status before it runs (write-ahead), so such a resource has nothing to
     * observe, and its first deployment does not depend on what an observation would say.
     */
    static boolean neverDeployed(FlinkDeployment deployment) {
        FlinkDeploymentStatus status = deployment.status();
        return deployment.metadata().deletionTimestamp() == null
                && (status == null || status.reconciliationStatus() == null || status.reconciliationStatus().lastReconciledSpec() == null);
    }

    /**
     * Whether the decision may turn on the cluster's HA metadata: while the resource is deleted (whatever the cluster
     * left must go with it), or when the spec or the one last deployed turns high availability on. Otherwise no
     * decision reads it, and it is not looked for.
     */
    static boolean haMetadataMatters(FlinkDeployment deployment) {
        if (deployment.metadata().deletionTimestamp() != null) {
            return true;
        }
        if (deployment.spec() != null && FlinkOptions.highAvailability(deployment.spec().configuration())) {
            return true;
        }
        FlinkDeploymentStatus status = deployment.status();
        var last = status == null || status.reconciliationStatus() == null ? null : status.reconciliationStatus().lastReconciledSpec();
        return last != null && FlinkOptions.highAvailability(last.configuration());
    }

    private int activeSessionJobs(FlinkDeployment cluster) {
        return ports.store().list(ResourceKind.FLINK_SESSION_JOB)
                .map(r -> (FlinkSessionJob) r)
                .filter(job -> job.spec() != null && cluster.metadata().name().equals(job.spec().deploymentName())
                        && java.util.Objects.equals(job.metadata().namespace(), cluster.metadata().namespace()))
                .filter(job -> job.spec().job() == null || job.spec().job().effectiveState() == org.flinkop.domain.resource.JobState.RUNNING)
                .size();
    }

    /** The job ids a status knows: the one in flight first, then the last observed. */
    static List<String> knownJobIds(org.flinkop.domain.resource.ReconciliationStatus<?> reconciliation, org.flinkop.domain.resource.JobStatus job) {
        List<String> ids = List.empty();
        if (reconciliation != null && reconciliation.upgrade() != null) {
            ids = ids.append(reconciliation.upgrade().jobId());
        }
        if (job != null) {
            ids = ids.append(job.jobId());
        }
        return ids.filter(java.util.Objects::nonNull).distinct();
    }

    /** The savepoint trigger a status records as the way back, when one is being written. */
    static Option<String> pendingTrigger(org.flinkop.domain.resource.ReconciliationStatus<?> reconciliation) {
        return Option.of(reconciliation).flatMap(rs -> Option.of(rs.upgrade()))
                .filter(up -> up.restoreFrom().kind() == StateLocationKind.PENDING_SAVEPOINT)
                .map(up -> up.restoreFrom().savepointTriggerId());
    }

    /** The job part of an observation, shared by the resource kinds that run jobs. */
    record JobObservation(Option<ObservedJob> job, Option<CompletedCheckpoint> latestCheckpoint, Option<TriggerResult> trigger, Option<Integer> restarts) {

        /**
         * Reads the cluster's jobs, picks the one the status knows (else, when {@code adoptOnlyJob}, the only one: an
         * application cluster's job before its id was recorded), and reads its latest checkpoint and the recorded
         * trigger's result. Any REST failure fails the whole observation.
         */
        static Either<PortFailure, JobObservation> of(Reconciler.Ports ports, URI endpoint, List<String> knownIds, Option<String> trigger, boolean adoptOnlyJob) {
            Either<PortFailure, List<JobDetails>> jobs = ports.flink().jobs(endpoint);
            if (jobs.isLeft()) {
                return Either.left(jobs.getLeft());
            }
            Option<JobDetails> job = knownIds.flatMap(id -> jobs.get().find(d -> d.job().jobId().equals(id))).headOption()
                    .orElse(() -> adoptOnlyJob && jobs.get().size() == 1 && knownIds.isEmpty() ? jobs.get().headOption() : Option.none());
            if (job.isEmpty()) {
                return Either.right(new JobObservation(Option.none(), Option.none(), Option.none(), Option.none()));
            }
            String jobId = job.get().job().jobId();
            Either<PortFailure, Option<CompletedCheckpoint>> checkpoint = ports.flink().latestCheckpoint(endpoint, jobId);
            if (checkpoint.isLeft()) {
                return Either.left(checkpoint.getLeft());
            }
            Option<TriggerResult> result = Option.none();
            if (trigger.isDefined()) {
                Either<PortFailure, TriggerResult> read = ports.flink().savepointResult(endpoint, jobId, trigger.get());
                if (read.isLeft()) {
                    return Either.left(read.getLeft());
                }
                result = Option.of(read.get());
            }
            return Either.right(new JobObservation(Option.of(withFailure(ports, endpoint, job.get().job())), checkpoint.get(), result,
                    Option.of(job.get().restarts())));
        }

        /** A failed job with Flink's root cause, when its exceptions can be read; the cause is for users, so best effort. */
        private static ObservedJob withFailure(Reconciler.Ports ports, URI endpoint, ObservedJob job) {
            if (job.state() != org.flinkop.domain.resource.FlinkJobState.FAILED) {
                return job;
            }
            return ports.flink().exceptions(endpoint, job.jobId()).toOption().flatMap(List::headOption)
                    .map(FailureSummary::of).map(job::withFailure).getOrElse(job);
        }
    }
}
