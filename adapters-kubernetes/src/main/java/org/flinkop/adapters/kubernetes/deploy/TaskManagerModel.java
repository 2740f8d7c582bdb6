package org.flinkop.adapters.kubernetes.deploy;

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
 * The TaskManager Deployment of a standalone cluster: {@code replicas} TaskManagers running Flink's image with
 * {@code taskmanager}, which register with the JobManager through its internal service. Rescaling changes its
 * replicas in place.
 */
final class TaskManagerModel {

    private static final String TASK_MANAGER_ENV_PREFIX = "containerized.taskmanager.env.";

    private TaskManagerModel() {
    }

    static Deployment deployment(ClusterRequest request, FlinkSettings settings, Pod template, List<Volume> volumes, List<VolumeMount> mounts) {
        String name = request.name();
        Map<String, String> labels = ClusterLabels.component(name, request.mode(), ClusterLabels.TASK_MANAGER);
        var main = new FlinkPodModel.MainContainer(settings.image(), settings.imagePullPolicy(), settings.taskManager(), JobManagerModel.command(settings),
                List.of("taskmanager"), List.of(JobManagerModel.port("rpc", settings.taskManagerRpcPort())), env(settings), mounts);
        return new DeploymentBuilder()
                .withMetadata(ObjectMetaModel.of(request, ClusterNames.taskManagerDeployment(name), labels))
                .withNewSpec()
                .withReplicas(settings.taskManagerReplicas())
                .withNewSelector().withMatchLabels(ClusterLabels.selector(name, request.mode(), ClusterLabels.TASK_MANAGER)).endSelector()
                .withTemplate(FlinkPodModel.pod(template, labels, settings.serviceAccount(), main, volumes))
                .endSpec()
                .build();
    }

    private static List<EnvVar> env(FlinkSettings settings) {
        List<EnvVar> env = new ArrayList<>();
        settings.configuration().forEach((key, value) -> {
            if (key.startsWith(TASK_MANAGER_ENV_PREFIX) && key.length() > TASK_MANAGER_ENV_PREFIX.length()) {
                env.add(new EnvVarBuilder().withName(key.substring(TASK_MANAGER_ENV_PREFIX.length())).withValue(value.toString()).build());
            }
        });
        return env;
    }
}
