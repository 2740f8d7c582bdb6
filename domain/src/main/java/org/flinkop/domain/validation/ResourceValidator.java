package org.flinkop.domain.validation;

import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.flinkop.domain.config.FlinkOptions;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.FlinkSessionJobSpec;
import org.flinkop.domain.resource.FlinkStateSnapshot;
import org.flinkop.domain.resource.FlinkStateSnapshotSpec;
import org.flinkop.domain.resource.FlinkVersion;
import org.flinkop.domain.resource.JobManagerSpec;
import org.flinkop.domain.resource.JobSpec;
import org.flinkop.domain.resource.ReconciliationStatus;
import org.flinkop.domain.resource.Resource;
import org.flinkop.domain.resource.Spelled;
import org.flinkop.domain.resource.TaskManagerSpec;

/**
 * Checks a resource's meaning: required fields, ranges, sizes, the directories its upgrade mode needs, and
 * changes that an existing cluster cannot take. Pure: it returns every violation at once and never throws.
 * Document-level problems (unknown fields, wrong types, enum spellings) are found while binding, see
 * {@link org.flinkop.domain.binding.ResourceBinding}.
 */
public final class ResourceValidator {

    private static final Set<String> PULL_POLICIES = Set.of("Always", "IfNotPresent", "Never");
    private static final Set<String> LOG_FILES = Set.of("log4j-console.properties", "logback-console.xml");

    private ResourceValidator() {
    }

    public static List<Violation> validate(FlinkResource resource, ValidationContext context) {
        Checks checks = new Checks();
        if (resource instanceof FlinkDeployment deployment) {
            CommonRules.clusterName(checks, deployment.metadata());
            if (checks.require("spec", deployment.spec(), "the spec of the cluster")) {
                deployment(checks, deployment.spec(), context);
            }
        } else if (resource instanceof FlinkSessionJob job) {
            CommonRules.objectName(checks, job.metadata());
            if (checks.require("spec", job.spec(), "the spec of the session job")) {
                sessionJob(checks, job.spec(), context);
            }
        } else if (resource instanceof FlinkStateSnapshot snapshot) {
            CommonRules.objectName(checks, snapshot.metadata());
            if (checks.require("spec", snapshot.spec(), "the spec of the snapshot")) {
                snapshot(checks, snapshot.spec());
            }
        }
        return checks.all();
    }

    private static void deployment(Checks checks, FlinkDeploymentSpec spec, ValidationContext context) {
        Map<String, String> configuration = spec.configuration();
        String versions = Spelled.spellings(FlinkVersion.class).filter(v -> Spelled.parse(FlinkVersion.class, v).get().supported()).mkString(", ");
        if (checks.require("spec.flinkVersion", spec.flinkVersion(), versions) && !spec.flinkVersion().supported()) {
            checks.add("spec.flinkVersion", Reason.UNSUPPORTED_FLINK_VERSION, spec.flinkVersion().spelling() + " is no longer supported", versions);
        }
        if (spec.imagePullPolicy() != null && !PULL_POLICIES.contains(spec.imagePullPolicy())) {
            checks.add("spec.imagePullPolicy", Reason.INVALID_PULL_POLICY, "'" + spec.imagePullPolicy() + "' is not a pull policy", "Always, IfNotPresent, Never");
        }
        jobManager(checks, spec.jobManager(), configuration);
        taskManager(checks, spec.taskManager(), configuration);
        CommonRules.configurationValues(checks, "spec.flinkConfiguration", configuration);
        if (spec.logConfiguration() != null) {
            spec.logConfiguration().keySet().stream().filter(k -> !LOG_FILES.contains(k)).forEach(k -> checks.add("spec.logConfiguration[" + k + "]",
                    Reason.INVALID_LOG_CONFIGURATION, "'" + k + "' is not a log configuration file Flink reads", String.join(", ", LOG_FILES)));
        }
        if (spec.ingress() != null) {
            checks.require("spec.ingress.template", spec.ingress().template(), "a host and path template such as {{name}}.example.com or /{{namespace}}/{{name}}");
        }
        if (spec.job() != null) {
            CommonRules.job(checks, "spec.job", spec.job(), configuration, false, context.plainHttpJarsAllowed());
        }
        Option<FlinkDeploymentSpec> deployed = context.live()
                .flatMap(live -> live instanceof FlinkDeployment d ? Option.of(d.status()) : Option.none())
                .flatMap(status -> Option.of(status).map(s -> s.reconciliationStatus()))
                .flatMap(rs -> Option.of(rs).map(ReconciliationStatus::lastReconciledSpec));
        deployed.forEach(previous -> {
            if (previous.hasJob() != spec.hasJob()) {
                checks.add(spec.hasJob() ? "spec.job" : "spec", Reason.CLUSTER_TYPE_CHANGED,
                        previous.hasJob() ? "the job was removed from an application cluster" : "a job was added to a session cluster",
                        "delete the resource and create it again to change the cluster type");
            }
            if (previous.effectiveMode() != spec.effectiveMode()) {
                checks.add("spec.mode", Reason.DEPLOYMENT_MODE_CHANGED, "was " + previous.effectiveMode().spelling() + ", now " + spec.effectiveMode().spelling(),
                        previous.effectiveMode().spelling() + " (delete and re-create to change the mode)");
            }
            if (spec.job() != null && previous.job() != null) {
                redeployNonce(checks, "spec.job", spec.job(), previous.job());
            }
        });
    }

    private static void jobManager(Checks checks, JobManagerSpec jm, Map<String, String> configuration) {
        processResources(checks, "spec.jobManager", jm == null ? null : jm.resource(), configuration, FlinkOptions.JOB_MANAGER_MEMORY);
        if (jm == null) {
            return;
        }
        CommonRules.range(checks, "spec.jobManager.replicas", jm.replicas(), 1, 100);
        if (jm.effectiveReplicas() > 1 && !FlinkOptions.highAvailability(configuration)) {
            checks.add("spec.jobManager.replicas", Reason.STANDBY_WITHOUT_HA, jm.replicas() + " JobManagers need high availability to elect a leader",
                    "1, or set flinkConfiguration high-availability.type (e.g. kubernetes) and high-availability.storageDir");
        }
    }

    private static void taskManager(Checks checks, TaskManagerSpec tm, Map<String, String> configuration) {
        processResources(checks, "spec.taskManager", tm == null ? null : tm.resource(), configuration, FlinkOptions.TASK_MANAGER_MEMORY);
        if (tm != null) {
            CommonRules.range(checks, "spec.taskManager.replicas", tm.replicas(), 1, 10_000);
        }
    }

    /** The resources of one kind of process; its memory is required here unless the Flink configuration sets it. */
    private static void processResources(Checks checks, String path, Resource resource, Map<String, String> configuration, List<String> memoryKeys) {
        CommonRules.resource(checks, path + ".resource", resource);
        if (FlinkOptions.first(configuration, memoryKeys).isEmpty()) {
            checks.require(path + ".resource.memory", resource == null ? null : resource.memory(),
                    "a memory size such as 2048m, or " + memoryKeys.mkString(" or ") + " in flinkConfiguration");
        }
    }

    private static void sessionJob(Checks checks, FlinkSessionJobSpec spec, ValidationContext context) {
        if (spec.deploymentName() == null || spec.deploymentName().isBlank()) {
            checks.add("spec.deploymentName", Reason.SESSION_JOB_WITHOUT_DEPLOYMENT, "is required",
                    "the name of a FlinkDeployment without a job (a session cluster) in the same namespace");
        }
        CommonRules.configurationValues(checks, "spec.flinkConfiguration", spec.configuration());
        if (checks.require("spec.job", spec.job(), "the job to run on the session cluster")) {
            Map<String, String> effective = context.sessionClusterConfiguration().map(cluster -> {
                java.util.Map<String, String> merged = new java.util.HashMap<>(cluster);
                merged.putAll(spec.configuration());
                return (Map<String, String>) merged;
            }).getOrNull();
            CommonRules.job(checks, "spec.job", spec.job(), effective, true, context.plainHttpJarsAllowed());
        }
        Option<FlinkSessionJobSpec> deployed = context.live()
                .flatMap(live -> live instanceof FlinkSessionJob j ? Option.of(j.status()) : Option.none())
                .flatMap(status -> Option.of(status.reconciliationStatus()))
                .flatMap(rs -> Option.of(rs.lastReconciledSpec()));
        deployed.forEach(previous -> {
            if (previous.deploymentName() != null && !Objects.equals(previous.deploymentName(), spec.deploymentName())) {
                checks.add("spec.deploymentName", Reason.DEPLOYMENT_NAME_CHANGED, "was " + previous.deploymentName() + ", now " + spec.deploymentName(),
                        previous.deploymentName() + " (delete and re-create to move the job)");
            }
            if (spec.job() != null && previous.job() != null) {
                redeployNonce(checks, "spec.job", spec.job(), previous.job());
            }
        });
    }

    private static void redeployNonce(Checks checks, String path, JobSpec job, JobSpec previous) {
        boolean changed = job.savepointRedeployNonce() != null && !Objects.equals(job.savepointRedeployNonce(), previous.savepointRedeployNonce());
        if (changed && (job.initialSavepointPath() == null || job.initialSavepointPath().isBlank())) {
            checks.add(path + ".initialSavepointPath", Reason.REDEPLOY_WITHOUT_SAVEPOINT,
                    "savepointRedeployNonce changed to " + job.savepointRedeployNonce() + " but there is no savepoint to redeploy from",
                    "the path of the savepoint to redeploy from, set together with the new nonce");
        }
    }

    private static void snapshot(Checks checks, FlinkStateSnapshotSpec spec) {
        if (checks.require("spec.jobReference", spec.jobReference(), "the kind and name of the job's resource")) {
            checks.require("spec.jobReference.kind", spec.jobReference().kind(), "FlinkDeployment, FlinkSessionJob");
            checks.require("spec.jobReference.name", spec.jobReference().name(), "the name of the FlinkDeployment or FlinkSessionJob");
        }
        if (spec.savepoint() != null && spec.checkpoint() != null) {
            checks.add("spec", Reason.SNAPSHOT_TYPE_AMBIGUOUS, "both savepoint and checkpoint are set", "exactly one of savepoint and checkpoint");
        } else if (spec.savepoint() == null && spec.checkpoint() == null) {
            checks.add("spec", Reason.SNAPSHOT_TYPE_MISSING, "neither savepoint nor checkpoint is set", "exactly one of savepoint: {...} and checkpoint: {}");
        }
        if (spec.savepoint() != null && spec.savepoint().effectiveAlreadyExists()
                && (spec.savepoint().path() == null || spec.savepoint().path().isBlank())) {
            checks.add("spec.savepoint.path", Reason.EXISTING_SAVEPOINT_WITHOUT_PATH, "alreadyExists is true but no path is given", "the path of the existing savepoint");
        }
        CommonRules.range(checks, "spec.backoffLimit", spec.backoffLimit(), -1, Integer.MAX_VALUE);
    }
}
