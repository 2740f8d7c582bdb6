package org.flinkop.domain.config;

import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.Locale;
import java.util.Map;

/**
 * Flink and operator configuration keys the domain reads from a resource's {@code flinkConfiguration}. Where
 * Flink renamed a key, both spellings are read, the newer first.
 */
public final class FlinkOptions {

    public static final List<String> CHECKPOINT_DIR = List.of("execution.checkpointing.dir", "state.checkpoints.dir");
    public static final List<String> SAVEPOINT_DIR = List.of("execution.checkpointing.savepoint-dir", "state.savepoints.dir");
    public static final List<String> HA_TYPE = List.of("high-availability.type", "high-availability");
    public static final String TASK_SLOTS = "taskmanager.numberOfTaskSlots";
    public static final List<String> JOB_MANAGER_MEMORY = List.of("jobmanager.memory.process.size", "jobmanager.memory.flink.size");
    public static final List<String> TASK_MANAGER_MEMORY = List.of("taskmanager.memory.process.size", "taskmanager.memory.flink.size");

    public static final String PERIODIC_SAVEPOINT_INTERVAL = "kubernetes.operator.periodic.savepoint.interval";
    public static final String PERIODIC_CHECKPOINT_INTERVAL = "kubernetes.operator.periodic.checkpoint.interval";
    public static final String SAVEPOINT_HISTORY_MAX_AGE = "kubernetes.operator.savepoint.history.max.age";
    public static final String SAVEPOINT_HISTORY_MAX_COUNT = "kubernetes.operator.savepoint.history.max.count";
    public static final String LAST_STATE_MAX_CHECKPOINT_AGE = "kubernetes.operator.job.upgrade.last-state.max.allowed.checkpoint.age";
    public static final String READINESS_TIMEOUT = "kubernetes.operator.deployment.readiness.timeout";
    public static final String CLEANUP_TIMEOUT = "kubernetes.operator.resource.cleanup.timeout";
    public static final String RECONCILE_INTERVAL = "kubernetes.operator.reconcile.interval";
    public static final String ROLLBACK_ENABLED = "kubernetes.operator.deployment.rollback.enabled";
    public static final String JOB_RESTART_FAILED = "kubernetes.operator.job.restart.failed";
    public static final String JM_RECOVERY = "kubernetes.operator.jm-deployment-recovery.enabled";
    public static final String HEALTH_CHECK = "kubernetes.operator.cluster.health-check.enabled";
    public static final String HEALTH_RESTARTS_THRESHOLD = "kubernetes.operator.cluster.health-check.restarts.threshold";
    public static final String HEALTH_RESTARTS_WINDOW = "kubernetes.operator.cluster.health-check.restarts.window";
    public static final String HEALTH_CHECKPOINT_PROGRESS = "kubernetes.operator.cluster.health-check.checkpoint-progress.enabled";
    public static final String HEALTH_CHECKPOINT_WINDOW = "kubernetes.operator.cluster.health-check.checkpoint-progress.window";
    public static final String CHECKPOINT_INTERVAL = "execution.checkpointing.interval";
    public static final String SCHEDULER_MODE = "scheduler-mode";

    /** Operator keys whose value is a duration; a periodic interval may also be a cron expression. */
    public static final List<String> DURATIONS = List.of(PERIODIC_SAVEPOINT_INTERVAL, PERIODIC_CHECKPOINT_INTERVAL,
            SAVEPOINT_HISTORY_MAX_AGE, LAST_STATE_MAX_CHECKPOINT_AGE, READINESS_TIMEOUT, CLEANUP_TIMEOUT, RECONCILE_INTERVAL, HEALTH_RESTARTS_WINDOW, HEALTH_CHECKPOINT_WINDOW);
    public static final List<String> PERIODIC_INTERVALS = List.of(PERIODIC_SAVEPOINT_INTERVAL, PERIODIC_CHECKPOINT_INTERVAL);
    public static final List<String> BOOLEANS = List.of(ROLLBACK_ENABLED, JOB_RESTART_FAILED, JM_RECOVERY, HEALTH_CHECK, HEALTH_CHECKPOINT_PROGRESS);
    public static final List<String> POSITIVE_INTEGERS = List.of(TASK_SLOTS, SAVEPOINT_HISTORY_MAX_COUNT, HEALTH_RESTARTS_THRESHOLD);

    private FlinkOptions() {
    }

    /** The first of {@code keys} set to a non-blank value in {@code configuration}. */
    public static Option<String> first(Map<String, String> configuration, List<String> keys) {
        return keys.map(configuration::get).find(v -> v != null && !v.isBlank());
    }

    /** Whether {@code configuration} turns on Flink high availability (any type but none). */
    public static boolean highAvailability(Map<String, String> configuration) {
        return first(configuration, HA_TYPE).map(v -> !v.trim().toLowerCase(Locale.ROOT).equals("none")).getOrElse(false);
    }

    /**
     * Whether {@code configuration} runs the job with Flink's reactive scheduler, which gives a running job every slot
     * its TaskManagers offer: only then does adding or removing TaskManagers change the job's parallelism.
     */
    public static boolean reactive(Map<String, String> configuration) {
        String mode = configuration.get(SCHEDULER_MODE);
        return mode != null && mode.trim().equalsIgnoreCase("reactive");
    }

    /** Whether a periodic interval is set to something other than zero, i.e. periodic snapshots are on. */
    public static boolean periodicEnabled(Map<String, String> configuration, String key) {
        String value = configuration.get(key);
        if (value == null || value.isBlank()) {
            return false;
        }
        return FlinkDuration.parse(value).map(d -> !d.isZero()).getOrElse(true);
    }

    /** Whether {@code value} is a Quartz cron expression this operator can schedule, as periodic intervals accept. */
    public static boolean isCron(String value) {
        return QuartzCron.parse(value).isDefined();
    }

    /** A whole number above zero, or none. */
    public static Option<Integer> positiveInteger(String value) {
        if (value == null) {
            return Option.none();
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            return parsed > 0 ? Option.of(parsed) : Option.none();
        } catch (NumberFormatException e) {
            return Option.none();
        }
    }
}
