package org.flinkop.runtime.embedded.local;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.flinkop.domain.config.FlinkOptions;
import org.flinkop.domain.observe.CompletedCheckpoint;
import org.flinkop.domain.observe.PriorCluster;
import org.flinkop.domain.config.MemorySize;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.FlinkVersion;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.domain.resource.StateLocationKind;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.artifact.Artifacts;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.flinkop.ports.cluster.ClusterObservation;
import org.flinkop.ports.cluster.ClusterOwner;

/**
 * Runs each FlinkDeployment as real Flink processes on this machine: an application cluster
 * ({@code StandaloneApplicationClusterEntryPoint} with the job jar on every process's classpath) or a session
 * cluster, {@code taskManager.replicas} TaskManagers, memory from {@code resource.memory}, the spec's Flink
 * configuration and log configuration, and checkpoint and savepoint directories under a state root unless the spec
 * sets them. There is no HA service here: checkpoints are retained on cancellation, and {@link #observe} reports
 * the newest one found on disk, which last-state upgrades and a lost JobManager restore from. Nothing is rescaled
 * in place: a scale change is applied as an upgrade. Deploying starts the processes in the background and returns
 * at once; {@link #observe} says DEPLOYING until they answer.
 */
public final class LocalProcessDeployer implements ClusterDeployer, AutoCloseable {

    /** The longest start failure a status carries; the whole is in the cluster's {@code log/start-failure.log}. */
    private static final int MAX_PROBLEM = 2000;

    private final Function<FlinkVersion, String> classpath;
    private final JobJars jobJars;
    private final Path workRoot;
    private final Path stateRoot;
    private final Duration startTimeout;
    private final ExecutorService starter = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "local-flink-starter");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService restarter = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "local-flink-restarter");
        thread.setDaemon(true);
        return thread;
    });
    private final Restarts restarts;
    private final Map<ResourceKey, Running> clusters = new ConcurrentHashMap<>();
    private final java.util.Set<java.util.function.Consumer<ResourceKey>> listeners = ConcurrentHashMap.newKeySet();
    /** Checkpoint directories specs named themselves; the others are under the state root. */
    private final Map<ResourceKey, Path> checkpointRoots = new ConcurrentHashMap<>();

    /**
     * How a cluster that failed to start is started again, as a Deployment's pod is: after {@code first}, then twice
     * as long each time up to {@code max}, until it runs or the resource is changed or deleted.
     */
    public record Restarts(Duration first, Duration max) {

        public static final Restarts DEFAULT = new Restarts(Duration.ofSeconds(10), Duration.ofMinutes(5));

        public Restarts {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(max, "max");
        }

        Duration after(int attempt) {
            Duration wait = first;
            for (int i = 1; i < attempt && wait.compareTo(max) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(max) < 0 ? wait : max;
        }
    }

    /**
     * A cluster this deployer started (or found again): for which spec and job, its processes once they answer, and
     * how it is started again when a start fails ({@code null} for a cluster found again, which runs).
     */
    private record Running(String specDigest, String jobId, CompletableFuture<LocalFlinkCluster> started, Start start, int attempt,
            AtomicReference<Instant> nextAttempt) {

        Running(String specDigest, String jobId, CompletableFuture<LocalFlinkCluster> started) {
            this(specDigest, jobId, started, null, 0, new AtomicReference<>());
        }
    }

    /** Starts a cluster's processes in a new work directory. */
    @FunctionalInterface
    private interface Start {
        LocalFlinkCluster in(Path work) throws IOException, InterruptedException;
    }

    /**
     * @param classpath    the Flink jars of a version (for example from {@code scripts/flink-classpath.sh})
     * @param workRoot     where each cluster's configuration and logs go
     * @param stateRoot    where checkpoints and savepoints go unless a spec names its own directories
     * @param startTimeout how long a cluster may take to answer
     */
    public LocalProcessDeployer(Function<FlinkVersion, String> classpath, Path workRoot, Path stateRoot, Duration startTimeout) {
        this(classpath, workRoot, stateRoot, startTimeout, uri -> Either.left(PortFailure.of(PortFailure.Reason.FORBIDDEN,
                "this runtime fetches no remote jars; use a local:// or file:// jarURI")));
    }

    /** As above, with application jars at {@code https://} addresses fetched through {@code artifacts}. */
    public LocalProcessDeployer(Function<FlinkVersion, String> classpath, Path workRoot, Path stateRoot, Duration startTimeout, Artifacts artifacts) {
        this(classpath, workRoot, stateRoot, startTimeout, artifacts, Restarts.DEFAULT);
    }

    /** As above, starting clusters that failed to start again after {@code restarts}. */
    public LocalProcessDeployer(Function<FlinkVersion, String> classpath, Path workRoot, Path stateRoot, Duration startTimeout, Artifacts artifacts,
            Restarts restarts) {
        this.jobJars = new JobJars(artifacts);
        this.classpath = classpath;
        this.workRoot = workRoot;
        this.stateRoot = stateRoot;
        this.startTimeout = startTimeout;
        this.restarts = Objects.requireNonNull(restarts, "restarts");
    }

    @Override
    public Either<PortFailure, Done> deploy(ResourceKey key, ClusterOwner owner, FlinkDeploymentSpec spec, StateLocation restoreFrom, String jobId) {
        Running existing = running(key);
        String digest = ClusterRecords.digest(spec);
        if (existing != null && existing.specDigest().equals(digest) && Objects.equals(existing.jobId(), jobId)
                && !existing.started().isCompletedExceptionally()) {
            return Either.right(Done.DONE);
        }
        if (restoreFrom.kind() == StateLocationKind.HA_METADATA || restoreFrom.kind() == StateLocationKind.PENDING_SAVEPOINT) {
            return Either.left(PortFailure.of(PortFailure.Reason.REJECTED, "local processes cannot restore from " + restoreFrom.kind()));
        }
        Either<PortFailure, JobJars.JobJar> jobJar = spec.hasJob() ? jobJars.resolve(spec.job()) : Either.right(null);
        if (jobJar.isLeft()) {
            return Either.left(jobJar.getLeft());
        }
        delete(key, true);
        Map<String, String> configuration = configuration(key, spec);
        int slots = FlinkOptions.positiveInteger(configuration.get(FlinkOptions.TASK_SLOTS)).getOrElse(1);
        int taskManagers = taskManagers(spec, slots);
        Start start = work -> {
            String jars = classpath.apply(spec.flinkVersion());
            if (!spec.hasJob()) {
                return LocalFlinkCluster.startSession(jars, work, taskManagers, slots, configuration, logConfiguration(spec), startTimeout);
            }
            String restore = restoreFrom.kind() == StateLocationKind.NONE ? null : restoreFrom.path();
            var job = new LocalFlinkCluster.ApplicationJob(jobJar.get().jar(), jobJar.get().entryClass(), jobId, restore,
                    spec.job().effectiveAllowNonRestoredState(), spec.job().args() == null ? List.of() : spec.job().args());
            return LocalFlinkCluster.startApplication(jars, job, work, taskManagers, slots, configuration, logConfiguration(spec), startTimeout);
        };
        Optional<ClusterRecords.DeployedFrom> from = Optional.of(new ClusterRecords.DeployedFrom(spec, restoreFrom, owner.uid()));
        Running running = new Running(digest, jobId, new CompletableFuture<>(), start, 1, new AtomicReference<>());
        clusters.put(key, running);
        Either<PortFailure, Done> launched = launch(key, running, from);
        if (launched.isLeft()) {
            clusters.remove(key, running);
        }
        return launched;
    }

    /**
     * Records and starts attempt {@code running} of a cluster in a new work directory, in the background. A start that
     * fails leaves its cause in that directory and is tried again after {@link #restarts}, unless the cluster was
     * changed or deleted meanwhile.
     */
    private Either<PortFailure, Done> launch(ResourceKey key, Running running, Optional<ClusterRecords.DeployedFrom> from) {
        Path work = workRoot.resolve(name(key)).resolve(Long.toString(System.nanoTime()));
        Either<PortFailure, Done> recorded = record(key, new ClusterRecords.ClusterRecord(running.specDigest(), running.jobId(), work, checkpointRoot(key), from));
        if (recorded.isLeft()) {
            return recorded;
        }
        CompletableFuture<LocalFlinkCluster> started = running.started();
        try {
            starter.execute(() -> {
                try {
                    started.complete(running.start().in(work));
                } catch (IOException | RuntimeException e) {
                    started.completeExceptionally(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    started.completeExceptionally(new IllegalStateException("interrupted while starting " + key, e));
                }
            });
        } catch (RejectedExecutionException e) {
            return Either.left(PortFailure.of(PortFailure.Reason.UNAVAILABLE, "the deployer is closed"));
        }
        started.whenComplete((cluster, failure) -> {
            if (failure == null) {
                notifyOnExit(key, cluster);
                if (running.attempt() > 1) {
                    // a status that reports the failed start is corrected at once
                    listeners.forEach(l -> l.accept(key));
                }
                return;
            }
            // before the start counts as failed, so that a status saying so finds the cause in place
            recordStartFailure(work, failure);
            restartLater(key, running, from);
            listeners.forEach(l -> l.accept(key));
        });
        return Either.right(Done.DONE);
    }

    /** Starts {@code failed} again after the backoff its attempt has earned, unless the deployer is closed by then. */
    private void restartLater(ResourceKey key, Running failed, Optional<ClusterRecords.DeployedFrom> from) {
        Duration wait = restarts.after(failed.attempt());
        failed.nextAttempt().set(Instant.now().plus(wait));
        try {
            restarter.schedule(() -> restart(key, failed, from), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // closed: nothing is started again
        }
    }

    /**
     * Starts {@code failed} again, unless it is no longer the cluster of {@code key}. An attempt whose record cannot be
     * written starts nothing, and fails like a start that did not succeed: it is tried again after the next backoff.
     */
    private void restart(ResourceKey key, Running failed, Optional<ClusterRecords.DeployedFrom> from) {
        Running next = new Running(failed.specDigest(), failed.jobId(), new CompletableFuture<>(), failed.start(), failed.attempt() + 1,
                new AtomicReference<>());
        if (clusters.replace(key, failed, next)) {
            launch(key, next, from).peekLeft(why -> {
                restartLater(key, next, from);
                next.started().completeExceptionally(new IOException(why.message()));
            });
            listeners.forEach(l -> l.accept(key));
        }
    }

    /** The cluster of {@code key}: the one this deployer knows, or one an earlier operator process recorded and still runs. */
    private Running running(ResourceKey key) {
        return clusters.computeIfAbsent(key, k -> ClusterRecords.read(workRoot.resolve(name(k)))
                .flatMap(r -> LocalFlinkCluster.adopt(r.workDir())
                        .map(cluster -> {
                            notifyOnExit(k, cluster);
                            return new Running(r.specDigest(), r.jobId(), CompletableFuture.completedFuture(cluster));
                        }))
                .orElse(null));
    }

    /**
     * Where {@code key}'s checkpoints go: the spec's own local directory, as deployed here or recorded by an earlier
     * operator process, else the state root's.
     */
    private Path checkpointRoot(ResourceKey key) {
        return checkpointRoot(key, ClusterRecords.read(workRoot.resolve(name(key))));
    }

    /** As above, with the cluster's record already read. */
    private Path checkpointRoot(ResourceKey key, Optional<ClusterRecords.ClusterRecord> record) {
        Path known = checkpointRoots.get(key);
        if (known != null) {
            return known;
        }
        return record.map(ClusterRecords.ClusterRecord::checkpoints).orElse(stateRoot.resolve(name(key)).resolve("checkpoints"));
    }

    /**
     * Why a cluster did not start, kept in its log directory ({@code log/start-failure.log}), where the status sends the
     * user: the processes may not have written a line of their own.
     */
    private static void recordStartFailure(Path work, Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        java.io.StringWriter trace = new java.io.StringWriter();
        cause.printStackTrace(new java.io.PrintWriter(trace));
        try {
            java.nio.file.Files.createDirectories(work.resolve("log"));
            java.nio.file.Files.writeString(work.resolve("log").resolve("start-failure.log"), trace.toString());
        } catch (IOException e) {
            // the work directory itself is gone or not writable: the ERROR status is all there is to tell
        }
    }

    /**
     * The newest state {@code key}'s job left on disk: of the job its record names, and what that job restored from
     * (never an earlier job's checkpoint, older than the savepoint the job may have started from); of any job when no
     * record tells which job ran.
     */
    private Option<CompletedCheckpoint> retained(ResourceKey key) {
        Optional<ClusterRecords.ClusterRecord> record = ClusterRecords.read(workRoot.resolve(name(key)));
        Path root = checkpointRoot(key, record);
        if (record.isPresent() && record.get().jobId() != null && record.get().deployedFrom().isPresent()) {
            return RetainedCheckpoints.newestOf(root, record.get().jobId(), record.get().deployedFrom().get().restoreFrom());
        }
        return RetainedCheckpoints.newest(root);
    }

    /** Why {@code failed} did not start, and when it is started again. */
    private static String problem(Running failed) {
        Throwable cause = failed.started().handle((cluster, failure) -> failure).join();
        while ((cause instanceof java.util.concurrent.CompletionException || cause instanceof java.io.UncheckedIOException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String why = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        if (why.length() > MAX_PROBLEM) {
            why = why.substring(0, MAX_PROBLEM) + " ...";
        }
        Instant next = failed.nextAttempt().get();
        return why + (next == null ? "" : "; attempt " + failed.attempt() + ", starting again at " + next.truncatedTo(ChronoUnit.SECONDS));
    }

    /** A JobManager that exits is looked at at once, not at the next periodic pass. */
    private void notifyOnExit(ResourceKey key, LocalFlinkCluster cluster) {
        cluster.jobManagerExit().thenRun(() -> listeners.forEach(l -> l.accept(key)));
    }

    /** Without its record a restarted operator could not find the cluster again, so nothing starts unrecorded. */
    private Either<PortFailure, Done> record(ResourceKey key, ClusterRecords.ClusterRecord record) {
        try {
            ClusterRecords.write(workRoot.resolve(name(key)), record);
            return Either.right(Done.DONE);
        } catch (IOException e) {
            return Either.left(PortFailure.of(PortFailure.Reason.UNAVAILABLE, "cannot record the cluster of " + key + " in " + workRoot + ": " + e));
        }
    }

    /** A cluster that runs for {@code key} (started here, or by an earlier operator process), as its record tells what it was deployed from. */
    @Override
    public Either<PortFailure, Option<PriorCluster>> priorCluster(ResourceKey key) {
        Running running = running(key);
        if (running == null || running.started().isCompletedExceptionally()) {
            return Either.right(Option.none());
        }
        Path dir = workRoot.resolve(name(key));
        return Either.right(Option.of(ClusterRecords.read(dir)
                .flatMap(ClusterRecords.ClusterRecord::deployedFrom)
                .<PriorCluster>map(from -> new PriorCluster.Recorded(from.ownerUid(), from.spec(), from.restoreFrom(), running.jobId()))
                .orElseGet(() -> new PriorCluster.Unadoptable("the local cluster recorded in " + dir + " has no record of what it was deployed from"))));
    }

    @Override
    public Either<PortFailure, ClusterObservation> observe(ResourceKey key) {
        Running running = running(key);
        Option<CompletedCheckpoint> retained = retained(key);
        if (running == null) {
            return Either.right(new ClusterObservation(JobManagerDeploymentStatus.MISSING, false, Option.none(), retained));
        }
        if (!running.started().isDone()) {
            return Either.right(new ClusterObservation(JobManagerDeploymentStatus.DEPLOYING, false, Option.none(), retained));
        }
        if (running.started().isCompletedExceptionally()) {
            return Either.right(new ClusterObservation(JobManagerDeploymentStatus.ERROR, false, Option.none(), retained, Option.of(problem(running))));
        }
        LocalFlinkCluster cluster = running.started().join();
        if (!cluster.jobManagerAlive()) {
            // the JobManager process died (killed, or crashed): the cluster is gone, as a deleted pod is
            clusters.remove(key, running);
            cluster.close();
            return Either.right(new ClusterObservation(JobManagerDeploymentStatus.MISSING, false, Option.none(), retained));
        }
        return Either.right(new ClusterObservation(JobManagerDeploymentStatus.READY, false, Option.of(cluster.restEndpoint()), retained));
    }

    @Override
    public Either<PortFailure, Done> delete(ResourceKey key, boolean deleteHaMetadata) {
        running(key);
        Running running = clusters.remove(key);
        if (running != null) {
            // at once when it runs, or as soon as it has started
            running.started().thenAccept(LocalFlinkCluster::close);
        }
        try {
            ClusterRecords.delete(workRoot.resolve(name(key)));
        } catch (IOException e) {
            return Either.left(PortFailure.of(PortFailure.Reason.UNAVAILABLE, "cannot remove the record of " + key + "'s cluster: " + e));
        }
        return Either.right(Done.DONE);
    }

    @Override
    public Either<PortFailure, Done> rescale(ResourceKey key, Integer taskManagers, Integer parallelism) {
        return Either.left(PortFailure.of(PortFailure.Reason.REJECTED, "local processes are not rescaled in place; the change is applied by an upgrade"));
    }

    @Override
    public boolean keepsHaMetadata() {
        return false;
    }

    @Override
    public boolean rescalesInPlace() {
        return false;
    }

    @Override
    public AutoCloseable watch(java.util.function.Consumer<ResourceKey> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The process ids of {@code key}'s cluster, JobManager first, once it has started; for tests and diagnostics. */
    List<Long> processIds(ResourceKey key) {
        Running running = clusters.get(key);
        return running == null || !running.started().isDone() || running.started().isCompletedExceptionally()
                ? List.of()
                : running.started().join().pids();
    }

    /** The log directory of {@code key}'s newest cluster under {@code workRoot}, when one was started there. */
    public static java.util.Optional<Path> logDirectory(Path workRoot, ResourceKey key) {
        return ClusterRecords.read(workRoot.resolve(name(key))).map(r -> r.workDir().resolve("log"));
    }

    /** Stops every cluster this deployer started or found again. */
    @Override
    public void close() {
        restarter.shutdownNow();
        List.copyOf(clusters.keySet()).forEach(key -> delete(key, true));
        starter.shutdown();
    }

    /**
     * Lets go of the clusters without stopping them: they keep running, and their records let the next operator
     * process on the same work root find them again (a command line that deploys and exits).
     */
    public void detach() {
        restarter.shutdownNow();
        clusters.clear();
        starter.shutdown();
    }

    private Map<String, String> configuration(ResourceKey key, FlinkDeploymentSpec spec) {
        Map<String, String> configuration = withoutHighAvailability(spec.configuration());
        Path state = stateRoot.resolve(name(key));
        Option<String> checkpointDir = FlinkOptions.first(configuration, FlinkOptions.CHECKPOINT_DIR);
        if (checkpointDir.isEmpty()) {
            configuration.put("execution.checkpointing.dir", state.resolve("checkpoints").toUri().toString());
            checkpointRoots.remove(key);
        } else {
            RetainedCheckpoints.localDirectory(checkpointDir.get()).forEach(dir -> checkpointRoots.put(key, dir));
        }
        if (spec.hasJob()) {
            // the JobManager stays up after the job ends, so that a failed or finished job can be observed and
            // an error in the job's main method is reported as a failed job with its cause
            configuration.putIfAbsent("execution.shutdown-on-application-finish", "false");
            configuration.putIfAbsent("execution.submit-failed-job-on-application-error", "true");
        }
        if (FlinkOptions.first(configuration, FlinkOptions.SAVEPOINT_DIR).isEmpty()) {
            configuration.put("execution.checkpointing.savepoint-dir", state.resolve("savepoints").toUri().toString());
        }
        // retained on cancel, so that last-state upgrades can restore from the latest checkpoint
        configuration.putIfAbsent("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        memory(spec.jobManager() == null ? null : spec.jobManager().resource(), "jobmanager.memory.process.size", configuration);
        memory(spec.taskManager() == null ? null : spec.taskManager().resource(), "taskmanager.memory.process.size", configuration);
        if (spec.hasJob() && spec.job().parallelism() != null) {
            configuration.put("parallelism.default", spec.job().parallelism().toString());
        }
        return configuration;
    }

    /**
     * The spec's configuration with high availability off: there is no HA service here, and a spec written for
     * Kubernetes ({@code high-availability.type: kubernetes}) must not make local processes look for an API server
     * (Flink's Kubernetes module is among their jars).
     */
    static Map<String, String> withoutHighAvailability(Map<String, String> spec) {
        Map<String, String> configuration = new LinkedHashMap<>(spec);
        FlinkOptions.HA_TYPE.forEach(configuration::remove);
        configuration.put("high-availability.type", "NONE");
        return configuration;
    }

    /** {@code taskManager.replicas}, else as many as the job's parallelism needs, as in standalone mode on Kubernetes. */
    static int taskManagers(FlinkDeploymentSpec spec, int slots) {
        if (spec.taskManager() != null && spec.taskManager().replicas() != null) {
            return spec.taskManager().replicas();
        }
        int parallelism = spec.hasJob() && spec.job().parallelism() != null ? spec.job().parallelism() : 1;
        return Math.max(1, (parallelism + slots - 1) / slots);
    }

    private static Map<String, String> logConfiguration(FlinkDeploymentSpec spec) {
        return spec.logConfiguration() == null ? Map.of() : spec.logConfiguration();
    }

    private static void memory(org.flinkop.domain.resource.Resource resource, String key, Map<String, String> configuration) {
        if (resource != null && resource.memory() != null) {
            MemorySize.parseBytes(resource.memory()).forEach(bytes -> configuration.putIfAbsent(key, (bytes >> 20) + "m"));
        }
    }

    private static String name(ResourceKey key) {
        return (key.namespace() == null ? "default" : key.namespace()) + "-" + key.name();
    }
}
