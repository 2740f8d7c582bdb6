package org.flinkop.adapters.kubernetes.deploy;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JobManager Deployment. Standalone: Flink's image entrypoint runs {@code jobmanager} (session) or
 * {@code standalone-job} with the entry class, {@code --allowNonRestoredState}, {@code --fromSavepoint} and the
 * job's arguments (application), as the Apache operator starts it. Native: {@code kubernetes-jobmanager.sh} with
 * {@code kubernetes-application} or {@code kubernetes-session}, which reads the job from the configuration and
 * creates its own TaskManager pods from the mounted pod template. With high availability the JobManager
 * advertises its pod IP, so that a standby can take over.
 */
final class JobManagerModel {

    static final String ENTRYPOINT = "/docker-entrypoint.sh";
    private static final String HA_ADDRESS_ARG = "-Djobmanager.rpc.address=$(" + FlinkPodModel.POD_IP_ENV + ")";
    private static final String MASTER_ENV_PREFIX = "containerized.master.env.";

    private JobManagerModel() {
    }

    static Deployment deployment(ClusterRequest request, FlinkSettings settings, Pod template, List<Volume> volumes, List<VolumeMount> mounts) {
        String name = request.name();
        Map<String, String> labels = ClusterLabels.component(name, request.mode(), ClusterLabels.JOB_MANAGER);
        var main = new FlinkPodModel.MainContainer(settings.image(), settings.imagePullPolicy(), settings.jobManager(), command(settings),
                request.standalone() ? standaloneArgs(request, settings) : nativeArgs(request, settings), ports(settings), env(settings), mounts);
        return new DeploymentBuilder()
                .withMetadata(ObjectMetaModel.of(request, ClusterNames.jobManagerDeployment(name), labels))
                .withNewSpec()
                .withReplicas(settings.jobManagerReplicas())
                .withNewSelector().withMatchLabels(ClusterLabels.selector(name, request.mode(), ClusterLabels.JOB_MANAGER)).endSelector()
                .withTemplate(FlinkPodModel.pod(template, labels, settings.serviceAccount(), main, volumes))
                .endSpec()
                .build();
    }

    static List<String> command(FlinkSettings settings) {
        String entry = settings.value("kubernetes.entry.path");
        return List.of(entry == null ? ENTRYPOINT : entry);
    }

    static List<String> standaloneArgs(ClusterRequest request, FlinkSettings settings) {
        List<String> args = new ArrayList<>();
        if (!request.application()) {
            args.add("jobmanager");
            if (settings.highAvailability()) {
                args.add(HA_ADDRESS_ARG);
            }
            return args;
        }
        var job = request.spec().job();
        args.add("standalone-job");
        if (job.entryClass() != null) {
            args.add("--job-classname");
            args.add(job.entryClass());
        }
        if (job.effectiveAllowNonRestoredState()) {
            args.add("--allowNonRestoredState");
        }
        String restorePath = FlinkConfigModel.restorePath(request);
        if (restorePath != null) {
            args.add("--fromSavepoint");
            args.add(restorePath);
        }
        if (settings.highAvailability()) {
            args.add(HA_ADDRESS_ARG);
        }
        if (job.args() != null) {
            args.addAll(job.args());
        }
        return args;
    }

    static List<String> nativeArgs(ClusterRequest request, FlinkSettings settings) {
        String extra = settings.value("kubernetes.jobmanager.entrypoint.args");
        String start = "kubernetes-jobmanager.sh " + settings.value("execution.target") + (extra == null || extra.isBlank() ? "" : " " + extra.trim());
        return List.of("bash", "-c", start);
    }

    private static List<ContainerPort> ports(FlinkSettings settings) {
        return List.of(port("rest", settings.restPort()), port("jobmanager-rpc", settings.rpcPort()), port("blobserver", settings.blobPort()));
    }

    static ContainerPort port(String name, int number) {
        return new ContainerPortBuilder().withName(name).withContainerPort(number).withProtocol("TCP").build();
    }

    /** The pod IP (Flink's JobManager advertises it under HA) and {@code containerized.master.env.*} from the configuration. */
    private static List<EnvVar> env(FlinkSettings settings) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVarBuilder().withName(FlinkPodModel.POD_IP_ENV).withNewValueFrom().withNewFieldRef().withApiVersion("v1").withFieldPath("status.podIP")
                .endFieldRef().endValueFrom().build());
        settings.configuration().forEach((key, value) -> {
            if (key.startsWith(MASTER_ENV_PREFIX) && key.length() > MASTER_ENV_PREFIX.length()) {
                env.add(new EnvVarBuilder().withName(key.substring(MASTER_ENV_PREFIX.length())).withValue(value.toString()).build());
            }
        });
        return env;
    }
}
