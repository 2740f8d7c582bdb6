package org.flinkop.testkit.flink;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.flinkop.domain.config.FlinkDuration;
import org.flinkop.domain.config.FlinkOptions;
import org.flinkop.domain.observe.CompletedCheckpoint;
import org.flinkop.domain.observe.ObservedJob;
import org.flinkop.domain.observe.PriorCluster;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.SnapshotFormatType;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.flinkop.ports.cluster.ClusterObservation;
import org.flinkop.ports.cluster.ClusterOwner;
import org.flinkop.ports.flink.FlinkJobClient;
import org.flinkop.ports.flink.JobDetails;
import org.flinkop.ports.flink.SubmitRequest;

/**
 * Flink clusters and jobs in memory, moving with a clock: a JobManager is ready {@link Latencies#jobManagerStart}
 * after deploy, a job runs {@link Latencies#jobStart} after submission, checkpoints complete every
 * {@code execution.checkpointing.interval} while a job runs, savepoints take {@link Latencies#savepoint}.
 * HA metadata (when the deployer keeps it and the spec turns HA on) outlives its cluster until deleted. Faults
 * can be injected; a cluster whose image contains {@value #CRASH_LOOP} runs jobs that restart forever. Every job's "progress" counts seconds of running; snapshots carry it, and restores are
 * logged, so a test can tell whether state came back. Thread-safe (one lock), deterministic.
 */
public final class FakeFlink implements ClusterDeployer, FlinkJobClient {

    /** How long things take in the fake. */
    public record Latencies(Duration jobManagerStart, Duration jobStart, Duration savepoint, Duration cancel) {

        public static Latencies defaults() {
            return new Latencies(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofMillis(200));
        }
    }

    /** A completed checkpoint or savepoint: of which cluster and job, when, and the job's progress in it. */
    public record Taken(ResourceKey cluster, String jobId, String path, Instant at, long progress) {
    }

    /** A restore as it happened: which job started from which snapshot (null: empty), carrying how much progress. */
    public record Restore(ResourceKey cluster, String jobId, Instant at, String fromPath, long progress) {
    }

    /** An image name containing this makes the fake's jobs restart forever, as a broken job does. */
    public static final String CRASH_LOOP = "crashloop";

    private final Clock clock;
    private final boolean keepsHaMetadata;
    private final Latencies latencies;
    private final Map<ResourceKey, Cluster> clusters = new LinkedHashMap<>();
    private final Map<URI, Cluster> byEndpoint = new HashMap<>();
    private final Map<ResourceKey, Snapshot> haMetadata = new HashMap<>();
    private final Map<String, Snapshot> snapshotsByPath = new HashMap<>();
    private final Set<ResourceKey> unreachable = new HashSet<>();
    private final Map<ResourceKey, String> failNextSavepoint = new HashMap<>();
    private final java.util.List<Restore> restores = new java.util.ArrayList<>();
    private final java.util.List<String> disposed = new java.util.ArrayList<>();
    private final java.util.List<Taken> taken = new java.util.ArrayList<>();
    private long counter;

    public FakeFlink(Clock clock, boolean keepsHaMetadata, Latencies latencies) {
        this.clock = clock;
        this.keepsHaMetadata = keepsHaMetadata;
        this.latencies = latencies;
    }

    // ---- cluster deployer -----------------------------------------------------------------------------------

    @Override
    public synchronized Either<PortFailure, Done> deploy(ResourceKey key, ClusterOwner owner, FlinkDeploymentSpec spec, StateLocation restoreFrom, String jobId) {
        Cluster existing = clusters.get(key);
        if (existing != null && existing.spec.equals(spec) && java.util.Objects.equals(existing.applicationJobId, jobId)) {
            return Either.right(Done.DONE);
        }
        Instant now = clock.instant();
        Cluster cluster = new Cluster(key, spec, jobId, owner.uid(), restoreFrom, now);
        Cluster replaced = clusters.put(key, cluster);
        if (replaced != null) {
            byEndpoint.remove(replaced.endpoint);
        }
        byEndpoint.put(cluster.endpoint, cluster);
        if (spec.job() != null && jobId != null) {
            start(cluster, jobId, restoreFrom, spec.job().parallelism(), now.plus(latencies.jobManagerStart()));
        }
        return Either.right(Done.DONE);
    }

    /** The cluster deployed for {@code key}, with what it was deployed from and for which owner (null when deployed for an unknown one). */
    @Override
    public synchronized Either<PortFailure, Option<PriorCluster>> priorCluster(ResourceKey key) {
        return Either.right(Option.of(clusters.get(key))
                .map(cluster -> new PriorCluster.Recorded(cluster.ownerUid, cluster.spec, cluster.restoreFrom, cluster.applicationJobId)));
    }

    @Override
    public synchronized Either<PortFailure, ClusterObservation> observe(ResourceKey key) {
        Cluster cluster = clusters.get(key);
        if (cluster == null) {
            return Either.right(ClusterObservation.missing(haMetadata.containsKey(key)));
        }
        settle(cluster);
        boolean ready = !clock.instant().isBefore(cluster.readyAt);
        return Either.right(new ClusterObservation(ready ? JobManagerDeploymentStatus.READY : JobManagerDeploymentStatus.DEPLOYING,
                haMetadata.containsKey(key), ready ? Option.of(cluster.endpoint) : Option.none()));
    }

    @Override
    public synchronized Either<PortFailure, Done> delete(ResourceKey key, boolean deleteHaMetadata) {
        Cluster cluster = clusters.remove(key);
        if (cluster != null) {
            byEndpoint.remove(cluster.endpoint);
            settle(cluster);
        }
        if (deleteHaMetadata) {
            haMetadata.remove(key);
        }
        return Either.right(Done.DONE);
    }

    @Override
    public synchronized Either<PortFailure, Done> rescale(ResourceKey key, Integer taskManagers, Integer parallelism) {
        Cluster cluster = clusters.get(key);
        if (cluster == null) {
            return Either.left(PortFailure.of(PortFailure.Reason.NOT_FOUND, "no cluster " + key));
        }
        cluster.jobs.values().forEach(job -> job.parallelism = parallelism == null ? job.parallelism : parallelism);
        return Either.right(Done.DONE);
    }

    @Override
    public boolean keepsHaMetadata() {
        return keepsHaMetadata;
    }

    // ---- job client -----------------------------------------------------------------------------------------

    @Override
    public synchronized Either<PortFailure, Option<JobDetails>> job(URI endpoint, String jobId) {
        return reachable(endpoint).map(cluster -> Option.of(cluster.jobs.get(jobId)).map(Job::details));
    }

    @Override
    public synchronized Either<PortFailure, List<JobDetails>> jobs(URI endpoint) {
        return reachable(endpoint).map(cluster -> List.ofAll(cluster.jobs.values()).map(Job::details));
    }

    @Override
    public synchronized Either<PortFailure, Done> submit(URI endpoint, SubmitRequest request) {
        return reachable(endpoint).map(cluster -> {
            if (!cluster.jobs.containsKey(request.jobId())) {
                start(cluster, request.jobId(), request.restoreFrom(), request.parallelism(), clock.instant());
            }
            return Done.DONE;
        });
    }

    @Override
    public synchronized Either<PortFailure, Done> cancel(URI endpoint, String jobId) {
        return findJob(endpoint, jobId).map(job -> {
            if (!job.terminal()) {
                job.state = FlinkJobState.CANCELLING;
                job.terminalAt = clock.instant().plus(latencies.cancel());
                job.terminalState = FlinkJobState.CANCELED;
            }
            return Done.DONE;
        });
    }

    @Override
    public synchronized Either<PortFailure, Done> stopWithSavepoint(URI endpoint, String jobId, String triggerId, boolean drain, Option<String> directory) {
        return savepoint(endpoint, jobId, triggerId, true);
    }

    @Override
    public synchronized Either<PortFailure, Done> triggerSavepoint(URI endpoint, String jobId, String triggerId, Option<String> directory, SnapshotFormatType formatType) {
        return savepoint(endpoint, jobId, triggerId, false);
    }

    @Override
    public synchronized Either<PortFailure, Done> triggerCheckpoint(URI endpoint, String jobId, String triggerId) {
        return findJob(endpoint, jobId).flatMap(job -> {
            if (job.state != FlinkJobState.RUNNING) {
                return Either.left(PortFailure.of(PortFailure.Reason.REJECTED, "job " + jobId + " is " + job.state + ", not RUNNING"));
            }
            job.triggers.computeIfAbsent(triggerId, t -> new TriggerResult.Completed(checkpoint(job, clock.instant()).path));
            return Either.right(Done.DONE);
        });
    }

    @Override
    public synchronized Either<PortFailure, TriggerResult> savepointResult(URI endpoint, String jobId, String triggerId) {
        return triggerResult(endpoint, jobId, triggerId);
    }

    @Override
    public synchronized Either<PortFailure, TriggerResult> checkpointResult(URI endpoint, String jobId, String triggerId) {
        return triggerResult(endpoint, jobId, triggerId);
    }

    @Override
    public synchronized Either<PortFailure, Option<CompletedCheckpoint>> latestCheckpoint(URI endpoint, String jobId) {
        return reachable(endpoint).map(cluster -> Option.of(cluster.jobs.get(jobId)).flatMap(job -> Option.of(job.latestCheckpoint))
                .map(s -> new CompletedCheckpoint(s.path, s.at)));
    }

    @Override
    public synchronized Either<PortFailure, Done> disposeSavepoint(URI endpoint, String path) {
        return reachable(endpoint).map(cluster -> {
            if (snapshotsByPath.remove(path) != null) {
                disposed.add(path);
            }
            return Done.DONE;
        });
    }

    @Override
    public synchronized Either<PortFailure, List<String>> exceptions(URI endpoint, String jobId) {
        return findJob(endpoint, jobId).map(job -> List.ofAll(job.exceptions).reverse());
    }

    // ---- faults and inspection ------------------------------------------------------------------------------

    /** The JobManager of {@code key} dies with its jobs, as when its pod or process is killed; HA metadata stays. */
    public synchronized void loseJobManager(ResourceKey key) {
        Cluster cluster = clusters.remove(key);
        if (cluster != null) {
            byEndpoint.remove(cluster.endpoint);
            settle(cluster);
        }
    }

    /** The HA metadata of {@code key} is gone. */
    public synchronized void loseHaMetadata(ResourceKey key) {
        haMetadata.remove(key);
    }

    /** The REST API of {@code key}'s cluster stops answering ({@code TIMEOUT}) until {@link #reachable}. */
    public synchronized void unreachable(ResourceKey key) {
        unreachable.add(key);
    }

    public synchronized void reachable(ResourceKey key) {
        unreachable.remove(key);
    }

    /** The next savepoint of {@code key}'s job fails with {@code reason}; the job keeps running. */
    public synchronized void failNextSavepoint(ResourceKey key, String reason) {
        failNextSavepoint.put(key, reason);
    }

    /** The job fails with {@code reason}, as a job does on an exception it cannot restart from. */
    public synchronized void failJob(ResourceKey key, String jobId, String reason) {
        Cluster cluster = clusters.get(key);
        Job job = cluster == null ? null : cluster.jobs.get(jobId);
        if (job != null) {
            settle(cluster);
            job.state = FlinkJobState.FAILED;
            job.exceptions.add(reason);
        }
    }

    /** Every restore so far, oldest first. */
    public synchronized List<Restore> restores() {
        return List.ofAll(restores);
    }

    /** Every checkpoint and savepoint completed so far, oldest first. */
    public synchronized List<Taken> taken() {
        return List.ofAll(taken);
    }

    /** Every job on any cluster that runs now, by cluster. */
    public synchronized Map<ResourceKey, List<ObservedJob>> allRunningJobs() {
        Map<ResourceKey, List<ObservedJob>> result = new LinkedHashMap<>();
        for (ResourceKey key : clusters.keySet()) {
            result.put(key, runningJobs(key));
        }
        return result;
    }

    /** Savepoints disposed of, oldest first. */
    public synchronized List<String> disposedSavepoints() {
        return List.ofAll(disposed);
    }

    /** The jobs running now on {@code key}'s cluster. */
    public synchronized List<ObservedJob> runningJobs(ResourceKey key) {
        Cluster cluster = clusters.get(key);
        if (cluster == null) {
            return List.empty();
        }
        settle(cluster);
        return List.ofAll(cluster.jobs.values()).filter(j -> j.state == FlinkJobState.RUNNING).map(j -> new ObservedJob(j.id, j.state));
    }

    public synchronized boolean clusterExists(ResourceKey key) {
        return clusters.containsKey(key);
    }

    /** The progress a job had when it last stopped (or now, if running): what a restore must not go below. */
    public synchronized long progressOf(ResourceKey key, String jobId) {
        Cluster cluster = clusters.get(key);
        Job job = cluster == null ? null : cluster.jobs.get(jobId);
        if (job == null) {
            return -1;
        }
        settle(cluster);
        return job.progressAt(clock.instant());
    }

    // ---- the model --------------------------------------------------------------------------------------------

    private void start(Cluster cluster, String jobId, StateLocation restoreFrom, Integer parallelism, Instant notBefore) {
        Instant now = clock.instant();
        Snapshot from = switch (restoreFrom.kind()) {
            case SAVEPOINT, CHECKPOINT -> snapshotsByPath.get(restoreFrom.path());
            case HA_METADATA -> haMetadata.get(cluster.key);
            default -> null;
        };
        Job job = new Job(jobId, cluster, parallelism == null ? 1 : parallelism, from == null ? 0 : from.progress,
                (notBefore.isAfter(now) ? notBefore : now).plus(latencies.jobStart()));
        cluster.jobs.put(jobId, job);
        restores.add(new Restore(cluster.key, jobId, now, from == null ? null : from.path, job.baseProgress));
    }

    private Either<PortFailure, Done> savepoint(URI endpoint, String jobId, String triggerId, boolean stop) {
        return findJob(endpoint, jobId).flatMap(job -> {
            if (job.triggers.containsKey(triggerId) || job.pendingSavepoints.containsKey(triggerId)) {
                return Either.right(Done.DONE);
            }
            if (job.state != FlinkJobState.RUNNING) {
                return Either.left(PortFailure.of(PortFailure.Reason.REJECTED, "job " + jobId + " is " + job.state + ", not RUNNING"));
            }
            String failure = failNextSavepoint.remove(job.cluster.key);
            if (failure != null) {
                job.triggers.put(triggerId, new TriggerResult.Failed(failure));
                return Either.right(Done.DONE);
            }
            job.pendingSavepoints.put(triggerId, new PendingSavepoint(clock.instant().plus(latencies.savepoint()), stop));
            return Either.right(Done.DONE);
        });
    }

    private Either<PortFailure, TriggerResult> triggerResult(URI endpoint, String jobId, String triggerId) {
        return reachable(endpoint).map(cluster -> {
            Job job = cluster.jobs.get(jobId);
            if (job == null) {
                return new TriggerResult.Unknown();
            }
            if (job.pendingSavepoints.containsKey(triggerId)) {
                return new TriggerResult.InProgress();
            }
            return job.triggers.getOrDefault(triggerId, new TriggerResult.Unknown());
        });
    }

    private Either<PortFailure, Cluster> reachable(URI endpoint) {
        Cluster cluster = byEndpoint.get(endpoint);
        if (cluster == null || clock.instant().isBefore(cluster.readyAt)) {
            return Either.left(PortFailure.of(PortFailure.Reason.UNAVAILABLE, "no JobManager answers at " + endpoint));
        }
        if (unreachable.contains(cluster.key)) {
            return Either.left(PortFailure.of(PortFailure.Reason.TIMEOUT, "no answer from " + endpoint + " within the timeout"));
        }
        settle(cluster);
        return Either.right(cluster);
    }

    private Either<PortFailure, Job> findJob(URI endpoint, String jobId) {
        return reachable(endpoint).flatMap(cluster -> {
            Job job = cluster.jobs.get(jobId);
            return job == null ? Either.left(PortFailure.of(PortFailure.Reason.NOT_FOUND, "no job " + jobId)) : Either.right(job);
        });
    }

    /** Moves every job of the cluster to where the clock says it is now. */
    private void settle(Cluster cluster) {
        Instant now = clock.instant();
        for (Job job : cluster.jobs.values()) {
            if (job.state == FlinkJobState.INITIALIZING && !now.isBefore(job.runningFrom)) {
                boolean broken = cluster.spec.image() != null && cluster.spec.image().contains(CRASH_LOOP);
                job.state = broken ? FlinkJobState.RESTARTING : FlinkJobState.RUNNING;
            }
            if (job.state == FlinkJobState.RUNNING) {
                // a stop-with-savepoint that completed before now ended the job then: no checkpoints after it
                Instant until = job.pendingSavepoints.values().stream().filter(pending -> pending.stop && !now.isBefore(pending.doneAt))
                        .map(PendingSavepoint::doneAt).min(Instant::compareTo).orElse(now);
                checkpointsUpTo(job, until);
            }
            for (var it = job.pendingSavepoints.entrySet().iterator(); it.hasNext();) {
                var pending = it.next();
                if (!now.isBefore(pending.getValue().doneAt)) {
                    it.remove();
                    Snapshot savepoint = snapshot(job, pending.getValue().doneAt, "savepoint");
                    job.triggers.put(pending.getKey(), new TriggerResult.Completed(savepoint.path));
                    if (pending.getValue().stop) {
                        job.stop(pending.getValue().doneAt, FlinkJobState.FINISHED);
                    }
                }
            }
            if (job.state == FlinkJobState.CANCELLING && !now.isBefore(job.terminalAt)) {
                job.stop(job.terminalAt, job.terminalState);
            }
        }
    }

    private void checkpointsUpTo(Job job, Instant now) {
        Option<Duration> interval = Option.of(job.cluster.spec.configuration().get(FlinkOptions.CHECKPOINT_INTERVAL)).flatMap(FlinkDuration::parse)
                .filter(d -> !d.isZero());
        if (interval.isEmpty()) {
            return;
        }
        Instant next = (job.latestCheckpoint == null ? job.runningFrom : job.latestCheckpoint.at).plus(interval.get());
        while (!next.isAfter(now) && (job.stoppedAt == null || !next.isAfter(job.stoppedAt))) {
            checkpoint(job, next);
            next = next.plus(interval.get());
        }
    }

    private Snapshot checkpoint(Job job, Instant at) {
        Snapshot checkpoint = snapshot(job, at, "chk");
        job.latestCheckpoint = checkpoint;
        if (keepsHaMetadata && FlinkOptions.highAvailability(job.cluster.spec.configuration())) {
            haMetadata.put(job.cluster.key, checkpoint);
        }
        return checkpoint;
    }

    private Snapshot snapshot(Job job, Instant at, String kind) {
        String path = "file:///fake/" + job.cluster.key.namespace() + "/" + job.cluster.key.name() + "/" + job.id + "/" + kind + "-" + (++counter);
        Snapshot snapshot = new Snapshot(path, at, job.progressAt(at));
        snapshotsByPath.put(path, snapshot);
        taken.add(new Taken(job.cluster.key, job.id, path, at, snapshot.progress));
        return snapshot;
    }

    private static final class Cluster {
        final ResourceKey key;
        final FlinkDeploymentSpec spec;
        final String applicationJobId;
        final String ownerUid;
        final StateLocation restoreFrom;
        final Instant readyAt;
        final URI endpoint;
        final Map<String, Job> jobs = new LinkedHashMap<>();

        Cluster(ResourceKey key, FlinkDeploymentSpec spec, String applicationJobId, String ownerUid, StateLocation restoreFrom, Instant deployedAt) {
            this.key = key;
            this.spec = spec;
            this.applicationJobId = applicationJobId;
            this.ownerUid = ownerUid;
            this.restoreFrom = restoreFrom;
            this.readyAt = deployedAt;
            this.endpoint = URI.create("fake://" + (key.namespace() == null ? "default" : key.namespace()) + "/" + key.name() + "/" + deployedAt.toEpochMilli());
        }
    }

    private static final class Job {
        final String id;
        final Cluster cluster;
        final long baseProgress;
        final Instant runningFrom;
        final Map<String, TriggerResult> triggers = new HashMap<>();
        final Map<String, PendingSavepoint> pendingSavepoints = new HashMap<>();
        final java.util.List<String> exceptions = new java.util.ArrayList<>();
        int parallelism;
        FlinkJobState state = FlinkJobState.INITIALIZING;
        Snapshot latestCheckpoint;
        Instant stoppedAt;
        Instant terminalAt;
        FlinkJobState terminalState;

        Job(String id, Cluster cluster, int parallelism, long baseProgress, Instant runningFrom) {
            this.id = id;
            this.cluster = cluster;
            this.parallelism = parallelism;
            this.baseProgress = baseProgress;
            this.runningFrom = runningFrom;
        }

        /** Progress: the restored amount plus a unit per second of running. */
        long progressAt(Instant at) {
            Instant end = stoppedAt != null && stoppedAt.isBefore(at) ? stoppedAt : at;
            return end.isBefore(runningFrom) ? baseProgress : baseProgress + Duration.between(runningFrom, end).toSeconds();
        }

        void stop(Instant at, FlinkJobState finalState) {
            stoppedAt = at;
            state = finalState;
        }

        boolean terminal() {
            return new ObservedJob(id, state).isTerminal();
        }

        JobDetails details() {
            return new JobDetails(new ObservedJob(id, state), 0);
        }
    }

    private record Snapshot(String path, Instant at, long progress) {
    }

    private record PendingSavepoint(Instant doneAt, boolean stop) {
    }
}
