package org.flinkop.adapters.kubernetes.deploy;

import io.vavr.control.Either;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.flinkop.domain.config.FlinkOptions;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.FlinkVersion;
import org.flinkop.domain.resource.JobSpec;
import org.flinkop.domain.resource.Spelled;
import org.flinkop.domain.resource.StateLocationKind;
import org.flinkop.domain.resource.UpgradeMode;
import org.flinkop.ports.PortFailure;

/**
 * Generates the Flink configuration of a cluster from its spec, as the Apache operator does: the user's
 * {@code flinkConfiguration} first, the operator's defaults where the user set nothing, then what the spec
 * decides (image, resources, the job, its fixed id and restore path, the cluster id and namespace, fixed ports
 * Kubernetes services can point at). Never calls the API server.
 */
final class FlinkConfigModel {

    static final String JOB_ID = "$internal.pipeline.job-id";
    static final String PARALLELISM = "parallelism.default";
    static final String REST_SERVICE_TYPE = "kubernetes.rest-service.exposed.type";
    private static final Pattern HEX_JOB_ID = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Set<String> PULL_POLICIES = Set.of("Always", "IfNotPresent", "Never");
    /** Keys Flink's own client removes before shipping a configuration to the cluster: they only make sense client-side. */
    private static final List<String> CLIENT_SIDE_ONLY = List.of("kubernetes.config.file", "$internal.deployment.config-dir", "rest.bind-address",
            "jobmanager.bind-host", "taskmanager.bind-host", "taskmanager.host");

    private FlinkConfigModel() {
    }

    static Either<PortFailure, FlinkSettings> of(ClusterRequest request) {
        FlinkDeploymentSpec spec = request.spec();
        FlinkVersion version = spec.flinkVersion();
        if (version == null) {
            return Rejections.reject("spec.flinkVersion", "is required", String.join(", ", Spelled.spellings(FlinkVersion.class)));
        }
        Map<String, String> conf = spec.configuration();
        var jobManager = ProcessResources.of(ProcessResources.Process.JOB_MANAGER, spec.jobManager() == null ? null : spec.jobManager().resource(), conf, version);
        var taskManager = ProcessResources.of(ProcessResources.Process.TASK_MANAGER, spec.taskManager() == null ? null : spec.taskManager().resource(), conf, version);
        var slots = positiveInt(conf, FlinkOptions.TASK_SLOTS, 1);
        var restPort = port(conf, "rest.port", 8081, true);
        var checked = checkJob(request).flatMap(ok -> pullPolicy(spec));
        if (jobManager.isLeft() || taskManager.isLeft() || slots.isLeft() || restPort.isLeft() || checked.isLeft()) {
            return Either.left(firstFailure(jobManager, taskManager, slots, restPort, checked));
        }
        return parallelism(spec, conf, slots.get()).flatMap(parallelism -> replicas(spec, parallelism, slots.get()).map(tmReplicas -> settings(request,
                new Sizing(jobManager.get(), taskManager.get(), slots.get(), parallelism, tmReplicas, restPort.get(), checked.get()))));
    }

    /** What was worked out before writing the configuration. */
    private record Sizing(ProcessResources jobManager, ProcessResources taskManager, int slots, int parallelism, int taskManagerReplicas, int restPort,
            String pullPolicy) {
    }

    private static FlinkSettings settings(ClusterRequest request, Sizing sizing) {
        FlinkDeploymentSpec spec = request.spec();
        Map<String, String> userConf = spec.configuration();
        Map<String, Object> c = new LinkedHashMap<>(userConf);
        CLIENT_SIDE_ONLY.forEach(c::remove);
        boolean ha = FlinkOptions.highAvailability(userConf);
        String image = spec.image() != null ? spec.image() : userConf.getOrDefault(imageKey(spec.flinkVersion()),
                "flink:" + spec.flinkVersion().major() + "." + spec.flinkVersion().minor());
        String serviceAccount = spec.serviceAccount() != null ? spec.serviceAccount() : userConf.getOrDefault("kubernetes.service-account", "default");
        defaults(c, request, ha);
        c.put(imageKey(spec.flinkVersion()), image);
        c.put("kubernetes.container.image.pull-policy", sizing.pullPolicy());
        if (spec.serviceAccount() != null) {
            c.put("kubernetes.service-account", spec.serviceAccount());
        }
        resources(c, ProcessResources.Process.JOB_MANAGER, sizing.jobManager(), spec, userConf);
        resources(c, ProcessResources.Process.TASK_MANAGER, sizing.taskManager(), spec, userConf);
        if (spec.jobManager() != null && spec.jobManager().replicas() != null) {
            c.put("kubernetes.jobmanager.replicas", spec.jobManager().replicas().toString());
        }
        job(c, request, sizing.parallelism());
        Ports ports = new Ports(port(userConf, "jobmanager.rpc.port", 6123, false).get(), port(userConf, "blob.server.port", 6124, false).get(),
                port(userConf, "taskmanager.rpc.port", 6122, false).get(), sizing.restPort());
        cluster(c, request, ha, ports);
        int jmReplicas = spec.jobManager() == null ? 1 : spec.jobManager().effectiveReplicas();
        return new FlinkSettings(c, sizing.jobManager(), sizing.taskManager(), jmReplicas, sizing.taskManagerReplicas(), sizing.slots(), ports.rest(), ports.rpc(),
                ports.blob(), ports.taskManagerRpc(), ha, image, sizing.pullPolicy(), serviceAccount, spec.flinkVersion().isAtLeast(FlinkVersion.V2_0));
    }

    private record Ports(int rpc, int blob, int taskManagerRpc, int rest) {
    }

    /** The Apache operator's defaults: a ClusterIP REST service, no cancel button, application clusters kept after their job ends. */
    private static void defaults(Map<String, Object> c, ClusterRequest request, boolean ha) {
        c.putIfAbsent(REST_SERVICE_TYPE, "ClusterIP");
        if (request.spec().ingress() != null) {
            c.put(REST_SERVICE_TYPE, "ClusterIP");
        }
        c.putIfAbsent("web.cancel.enable", "false");
        if (!request.application()) {
            return;
        }
        JobSpec job = request.spec().job();
        c.putIfAbsent("pipeline.name", request.name());
        if (job.effectiveUpgradeMode() == UpgradeMode.LAST_STATE) {
            c.putIfAbsent(FlinkOptions.CHECKPOINT_INTERVAL, "5 min");
        }
        // the operator reads the job's final state, so the cluster must outlive its job
        c.put("execution.shutdown-on-application-finish", "false");
        if (ha) {
            c.putIfAbsent("execution.submit-failed-job-on-application-error", "true");
        }
        c.putIfAbsent("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
    }

    private static void resources(Map<String, Object> c, ProcessResources.Process process, ProcessResources resources, FlinkDeploymentSpec spec,
            Map<String, String> userConf) {
        if (resources.memoryFromSpec() || !userConf.containsKey(process.processSizeKey()) && !userConf.containsKey(process.flinkSizeKey())) {
            c.put(process.processSizeKey(), resources.processSizeValue());
        }
        var resource = process == ProcessResources.Process.JOB_MANAGER
                ? spec.jobManager() == null ? null : spec.jobManager().resource()
                : spec.taskManager() == null ? null : spec.taskManager().resource();
        if (resource != null && resource.cpu() != null) {
            c.put(process.cpuKey(spec.flinkVersion()), resources.cpuValue());
        }
    }

    /** The job of an application cluster: what to run, how wide, under which id, from which state. */
    private static void job(Map<String, Object> c, ClusterRequest request, int parallelism) {
        FlinkDeploymentSpec spec = request.spec();
        String target = request.standalone() ? "remote" : request.application() ? "kubernetes-application" : "kubernetes-session";
        c.put("execution.target", target);
        if (!request.application()) {
            return;
        }
        JobSpec job = spec.job();
        if (job.jarURI() != null) {
            c.put("pipeline.jars", List.of(job.jarURI().trim()));
        }
        c.put(PARALLELISM, Integer.toString(parallelism));
        boolean newKeys = spec.flinkVersion().isAtLeast(FlinkVersion.V1_20);
        if (job.allowNonRestoredState() != null) {
            c.put(newKeys ? "execution.state-recovery.ignore-unclaimed-state" : "execution.savepoint.ignore-unclaimed-state", job.allowNonRestoredState().toString());
        }
        String restorePath = restorePath(request);
        if (restorePath != null) {
            c.put(newKeys ? "execution.state-recovery.path" : "execution.savepoint.path", restorePath);
        }
        if (job.entryClass() != null) {
            c.put("$internal.application.main", job.entryClass());
        }
        if (job.args() != null) {
            c.put("$internal.application.program-args", job.args());
        }
        if (request.jobId() != null) {
            c.put(JOB_ID, request.jobId());
        }
        if (request.standalone() && job.jarURI() != null) {
            c.put("pipeline.classpaths", List.of(standaloneClasspath(job.jarURI().trim())));
        }
    }

    /** Where the cluster reaches itself: the namespaced internal service, and ports fixed so services can name them. */
    private static void cluster(Map<String, Object> c, ClusterRequest request, boolean ha, Ports ports) {
        c.put("kubernetes.namespace", request.namespace());
        c.put("kubernetes.cluster-id", request.name());
        c.put("jobmanager.rpc.address", ClusterNames.internalService(request.name()) + "." + request.namespace());
        c.put("jobmanager.rpc.port", Integer.toString(ports.rpc()));
        c.put("blob.server.port", Integer.toString(ports.blob()));
        c.put("taskmanager.rpc.port", Integer.toString(ports.taskManagerRpc()));
        c.put("rest.port", Integer.toString(ports.rest()));
        if (ha) {
            c.put("high-availability.cluster-id", request.name());
            c.putIfAbsent("high-availability.jobmanager.port", Integer.toString(ports.rpc()));
        }
        if (!request.standalone()) {
            // Flink's JobManager creates TaskManager pods from this file; both files are mounted from the pod template ConfigMap
            c.put("kubernetes.pod-template-file.taskmanager", ClusterNames.POD_TEMPLATE_DIR + "/" + ClusterNames.TASK_MANAGER_POD_TEMPLATE_FILE);
            c.put("kubernetes.pod-template-file.jobmanager", ClusterNames.POD_TEMPLATE_DIR + "/" + ClusterNames.JOB_MANAGER_POD_TEMPLATE_FILE);
        }
    }

    /** The savepoint or checkpoint the job starts from; none for a fresh start or a restore from HA metadata. */
    static String restorePath(ClusterRequest request) {
        StateLocationKind kind = request.restoreFrom().kind();
        return request.application() && (kind == StateLocationKind.SAVEPOINT || kind == StateLocationKind.CHECKPOINT) ? request.restoreFrom().path() : null;
    }

    private static Either<PortFailure, Boolean> checkJob(ClusterRequest request) {
        if (request.restoreFrom().kind() == StateLocationKind.PENDING_SAVEPOINT) {
            return Rejections.reject("restoreFrom", "the savepoint of trigger " + request.restoreFrom().savepointTriggerId() + " is still being written",
                    "a savepoint or checkpoint path, HA metadata, or nothing");
        }
        if (!request.application()) {
            return Either.right(true);
        }
        if (request.restoreFrom().kind() == StateLocationKind.HA_METADATA && !FlinkOptions.highAvailability(request.spec().configuration())) {
            // the job would start empty: only a cluster with high availability finds its job in the HA metadata
            return Rejections.reject("restoreFrom", "HA metadata is only restored by a cluster with high availability, and the spec turns it off",
                    "a savepoint or checkpoint path, or high-availability.type set in spec.flinkConfiguration");
        }
        if (request.jobId() != null && !HEX_JOB_ID.matcher(request.jobId()).matches()) {
            return Rejections.reject("jobId", "'" + request.jobId() + "' is not a Flink job id", "32 hexadecimal digits");
        }
        String jar = request.spec().job().jarURI();
        if (jar != null) {
            try {
                new URI(jar.trim());
            } catch (URISyntaxException e) {
                return Rejections.reject("spec.job.jarURI", "'" + jar + "' is not a URI (" + e.getReason() + ")", "a URI such as local:///opt/flink/usrlib/job.jar");
            }
        }
        return Either.right(true);
    }

    private static Either<PortFailure, String> pullPolicy(FlinkDeploymentSpec spec) {
        String policy = spec.imagePullPolicy() != null ? spec.imagePullPolicy()
                : spec.configuration().getOrDefault("kubernetes.container.image.pull-policy", "IfNotPresent");
        return PULL_POLICIES.contains(policy) ? Either.right(policy)
                : Rejections.reject(spec.imagePullPolicy() != null ? "spec.imagePullPolicy" : "spec.flinkConfiguration.kubernetes.container.image.pull-policy",
                        "'" + policy + "' is not an image pull policy", "Always, IfNotPresent, Never");
    }

    /**
     * The job's parallelism as the Apache operator works it out: TaskManager replicas times slots when replicas
     * are set (they take precedence), else the job's parallelism, else {@code parallelism.default}.
     */
    private static Either<PortFailure, Integer> parallelism(FlinkDeploymentSpec spec, Map<String, String> conf, int slots) {
        if (spec.taskManager() != null && spec.taskManager().replicas() != null) {
            return positive("spec.taskManager.replicas", spec.taskManager().replicas()).map(replicas -> replicas * slots);
        }
        if (spec.hasJob() && spec.job().parallelism() != null) {
            return positive("spec.job.parallelism", spec.job().parallelism());
        }
        return positiveInt(conf, PARALLELISM, 1);
    }

    /** TaskManagers of a standalone cluster: the replicas when set, else enough slots for the job, else one. */
    private static Either<PortFailure, Integer> replicas(FlinkDeploymentSpec spec, int parallelism, int slots) {
        if (spec.taskManager() != null && spec.taskManager().replicas() != null) {
            return Either.right(spec.taskManager().replicas());
        }
        return Either.right(spec.hasJob() ? (parallelism + slots - 1) / slots : 1);
    }

    private static Either<PortFailure, Integer> positive(String field, int value) {
        return value > 0 ? Either.right(value) : Rejections.reject(field, value + " is not above zero", "a whole number of 1 or more");
    }

    private static Either<PortFailure, Integer> positiveInt(Map<String, String> conf, String key, int fallback) {
        String value = conf.get(key);
        return value == null ? Either.right(fallback)
                : FlinkOptions.positiveInteger(value).toEither(() -> Rejections.of("spec.flinkConfiguration." + key, "'" + value + "' is not a positive whole number",
                        "a whole number of 1 or more"));
    }

    /**
     * A port from the configuration. Kubernetes services need fixed ports, so a range or 0 becomes Flink's
     * default port as Flink's own integration does; only the REST port must be a single port when set.
     */
    private static Either<PortFailure, Integer> port(Map<String, String> conf, String key, int fallback, boolean strict) {
        String value = conf.get(key);
        if (value == null) {
            return Either.right(fallback);
        }
        var parsed = FlinkOptions.positiveInteger(value).filter(p -> p <= 65535);
        if (parsed.isDefined()) {
            return Either.right(parsed.get());
        }
        return strict ? Rejections.reject("spec.flinkConfiguration." + key, "'" + value + "' is not a port", "a port from 1 to 65535") : Either.right(fallback);
    }

    private static String imageKey(FlinkVersion version) {
        return version.isAtLeast(FlinkVersion.V1_17) ? "kubernetes.container.image.ref" : "kubernetes.container.image";
    }

    /** Standalone entrypoints load the jar from the classpath, where Flink takes {@code file:} and not the native {@code local:} scheme. */
    private static String standaloneClasspath(String jarUri) {
        URI uri = URI.create(jarUri);
        if (!"local".equals(uri.getScheme())) {
            return uri.toASCIIString();
        }
        try {
            return new URI("file", uri.getAuthority() == null ? "" : uri.getAuthority(), uri.getPath(), uri.getQuery(), uri.getFragment()).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("a local: URI that parsed cannot be rewritten as file: " + jarUri, e);
        }
    }

    @SafeVarargs
    private static PortFailure firstFailure(Either<PortFailure, ?>... results) {
        for (Either<PortFailure, ?> result : results) {
            if (result.isLeft()) {
                return result.getLeft();
            }
        }
        throw new IllegalArgumentException("no failure among the results");
    }
}
