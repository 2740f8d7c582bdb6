package org.flinkop.domain.diff;

import io.vavr.collection.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.FlinkSessionJobSpec;
import org.flinkop.domain.resource.JobManagerSpec;
import org.flinkop.domain.resource.JobSpec;
import org.flinkop.domain.resource.KubernetesDeploymentMode;
import org.flinkop.domain.resource.TaskManagerSpec;

/**
 * Classifies the change from the last reconciled spec to the desired one, field by field, as the Apache
 * operator does: what a change costs the running job. Pure.
 */
public final class SpecDiff {

    /** Configuration keys the operator reads and Flink never sees: changing them never restarts a job. */
    static final String OPERATOR_PREFIX = "kubernetes.operator.";

    private SpecDiff() {
    }

    /** One changed field and what it asks for. */
    public record Change(String path, DiffType type) {
    }

    /** The changes, and the largest of them ({@link DiffType#IGNORE} when nothing changed). */
    public record Result(DiffType type, List<Change> changes) {

        public boolean isEmpty() {
            return changes.isEmpty();
        }
    }

    public static Result of(FlinkDeploymentSpec before, FlinkDeploymentSpec after) {
        Changes c = new Changes();
        boolean standalone = after.effectiveMode() == KubernetesDeploymentMode.STANDALONE;
        DiffType scaleInStandalone = standalone ? DiffType.SCALE : DiffType.UPGRADE;
        job(c, "spec.job", before.job(), after.job(), scaleInStandalone);
        c.field("spec.restartNonce", before.restartNonce(), after.restartNonce(), DiffType.UPGRADE);
        configuration(c, "spec.flinkConfiguration", before.flinkConfiguration(), after.flinkConfiguration());
        c.field("spec.image", before.image(), after.image(), DiffType.UPGRADE);
        c.field("spec.imagePullPolicy", before.imagePullPolicy(), after.imagePullPolicy(), DiffType.UPGRADE);
        c.field("spec.serviceAccount", before.serviceAccount(), after.serviceAccount(), DiffType.UPGRADE);
        c.field("spec.flinkVersion", before.flinkVersion(), after.flinkVersion(), DiffType.UPGRADE);
        c.field("spec.ingress", before.ingress(), after.ingress(), DiffType.IGNORE);
        c.field("spec.podTemplate", before.podTemplate(), after.podTemplate(), DiffType.UPGRADE);
        JobManagerSpec jmBefore = before.jobManager();
        JobManagerSpec jmAfter = after.jobManager();
        c.field("spec.jobManager.resource", jmBefore == null ? null : jmBefore.resource(), jmAfter == null ? null : jmAfter.resource(), DiffType.UPGRADE);
        c.field("spec.jobManager.replicas", jmBefore == null ? 1 : jmBefore.effectiveReplicas(), jmAfter == null ? 1 : jmAfter.effectiveReplicas(), DiffType.UPGRADE);
        c.field("spec.jobManager.podTemplate", jmBefore == null ? null : jmBefore.podTemplate(), jmAfter == null ? null : jmAfter.podTemplate(), DiffType.UPGRADE);
        TaskManagerSpec tmBefore = before.taskManager();
        TaskManagerSpec tmAfter = after.taskManager();
        c.field("spec.taskManager.resource", tmBefore == null ? null : tmBefore.resource(), tmAfter == null ? null : tmAfter.resource(), DiffType.UPGRADE);
        c.field("spec.taskManager.replicas", tmBefore == null ? null : tmBefore.replicas(), tmAfter == null ? null : tmAfter.replicas(), scaleInStandalone);
        c.field("spec.taskManager.podTemplate", tmBefore == null ? null : tmBefore.podTemplate(), tmAfter == null ? null : tmAfter.podTemplate(), DiffType.UPGRADE);
        c.field("spec.logConfiguration", before.logConfiguration(), after.logConfiguration(), DiffType.UPGRADE);
        c.field("spec.mode", before.effectiveMode(), after.effectiveMode(), DiffType.UPGRADE);
        return c.result();
    }

    public static Result of(FlinkSessionJobSpec before, FlinkSessionJobSpec after) {
        Changes c = new Changes();
        c.field("spec.deploymentName", before.deploymentName(), after.deploymentName(), DiffType.UPGRADE);
        job(c, "spec.job", before.job(), after.job(), DiffType.UPGRADE);
        configuration(c, "spec.flinkConfiguration", before.flinkConfiguration(), after.flinkConfiguration());
        c.field("spec.restartNonce", before.restartNonce(), after.restartNonce(), DiffType.UPGRADE);
        return c.result();
    }

    private static void job(Changes c, String path, JobSpec before, JobSpec after, DiffType parallelismChange) {
        if (before == null || after == null) {
            c.field(path, before, after, DiffType.UPGRADE);
            return;
        }
        c.field(path + ".jarURI", before.jarURI(), after.jarURI(), DiffType.UPGRADE);
        c.field(path + ".parallelism", before.parallelism(), after.parallelism(), parallelismChange);
        c.field(path + ".entryClass", before.entryClass(), after.entryClass(), DiffType.UPGRADE);
        c.field(path + ".args", before.args(), after.args(), DiffType.UPGRADE);
        c.field(path + ".state", before.effectiveState(), after.effectiveState(), DiffType.UPGRADE);
        c.field(path + ".savepointTriggerNonce", before.savepointTriggerNonce(), after.savepointTriggerNonce(), DiffType.IGNORE);
        c.field(path + ".initialSavepointPath", before.initialSavepointPath(), after.initialSavepointPath(), DiffType.IGNORE);
        c.field(path + ".checkpointTriggerNonce", before.checkpointTriggerNonce(), after.checkpointTriggerNonce(), DiffType.IGNORE);
        c.field(path + ".upgradeMode", before.effectiveUpgradeMode(), after.effectiveUpgradeMode(), DiffType.IGNORE);
        c.field(path + ".allowNonRestoredState", before.allowNonRestoredState(), after.allowNonRestoredState(), DiffType.IGNORE);
        c.field(path + ".savepointRedeployNonce", before.savepointRedeployNonce(), after.savepointRedeployNonce(), DiffType.SAVEPOINT_REDEPLOY);
        c.field(path + ".autoscalerResetNonce", before.autoscalerResetNonce(), after.autoscalerResetNonce(), DiffType.IGNORE);
    }

    private static void configuration(Changes c, String path, Map<String, String> before, Map<String, String> after) {
        Map<String, String> b = before == null ? Map.of() : before;
        Map<String, String> a = after == null ? Map.of() : after;
        TreeSet<String> keys = new TreeSet<>(b.keySet());
        keys.addAll(a.keySet());
        for (String key : keys) {
            c.field(path + "[" + key + "]", b.get(key), a.get(key), key.startsWith(OPERATOR_PREFIX) ? DiffType.IGNORE : DiffType.UPGRADE);
        }
    }

    /** The changes found so far; local to one call. */
    private static final class Changes {
        private List<Change> changes = List.empty();
        private DiffType largest = DiffType.IGNORE;

        void field(String path, Object before, Object after, DiffType type) {
            if (!Objects.equals(before, after)) {
                changes = changes.append(new Change(path, type));
                largest = largest.max(type);
            }
        }

        Result result() {
            return new Result(largest, changes);
        }
    }
}
