package org.flinkop.adapters.kubernetes.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.ports.PortFailure;

/**
 * Generates every Kubernetes object of a cluster from the domain's request, and nothing else: no API calls, no
 * clock, no state. The same request always gives the same objects, which is what makes applying them idempotent.
 * Standalone clusters get a TaskManager Deployment; native clusters get the pod templates Flink's JobManager
 * creates TaskManager pods from.
 */
final class ClusterModel {

    private ClusterModel() {
    }

    static Either<PortFailure, DesiredCluster> of(ClusterRequest request) {
        return FlinkConfigModel.of(request).flatMap(settings -> templates(request.spec()).flatMap(templates -> assemble(request, settings, templates)));
    }

    /** The merged pod templates of both components. */
    private record Templates(Pod jobManager, Pod taskManager) {
    }

    private static Either<PortFailure, Templates> templates(FlinkDeploymentSpec spec) {
        Map<String, Object> common = spec.podTemplate();
        Map<String, Object> jm = PodTemplateModel.merge(common, spec.jobManager() == null ? null : spec.jobManager().podTemplate());
        Map<String, Object> tm = PodTemplateModel.merge(common, spec.taskManager() == null ? null : spec.taskManager().podTemplate());
        String jmField = spec.jobManager() != null && spec.jobManager().podTemplate() != null ? "spec.jobManager.podTemplate" : "spec.podTemplate";
        String tmField = spec.taskManager() != null && spec.taskManager().podTemplate() != null ? "spec.taskManager.podTemplate" : "spec.podTemplate";
        return PodTemplateModel.toPod(jm, jmField).flatMap(jmPod -> PodTemplateModel.toPod(tm, tmField).map(tmPod -> new Templates(jmPod, tmPod)));
    }

    private static Either<PortFailure, DesiredCluster> assemble(ClusterRequest request, FlinkSettings settings, Templates templates) {
        Either<PortFailure, ConfigMap> flinkConfig = ConfigMapModel.flinkConfig(request, settings);
        Either<PortFailure, Service> rest = ServiceModel.rest(request, settings);
        if (flinkConfig.isLeft()) {
            return Either.left(flinkConfig.getLeft());
        }
        if (rest.isLeft()) {
            return Either.left(rest.getLeft());
        }
        VolumeMount configMount = ConfigMapModel.flinkConfigMount();
        Option<Ingress> ingress = Option.of(request.spec().ingress()).map(spec -> IngressModel.of(request, settings));
        Service internal = ServiceModel.internal(request, settings);
        if (request.standalone()) {
            Volume configVolume = ConfigMapModel.flinkConfigVolume(flinkConfig.get());
            Deployment jobManager = recorded(JobManagerModel.deployment(request, settings, templates.jobManager(), List.of(configVolume), List.of(configMount)), request);
            Deployment taskManager = TaskManagerModel.deployment(request, settings, templates.taskManager(), List.of(configVolume), List.of(configMount));
            return Either.right(new DesiredCluster(settings, flinkConfig.get(), internal, rest.get(), jobManager, Option.of(taskManager), ingress));
        }
        // Flink's JobManager decorates TaskManager pods itself; their template carries only the user's part and the storage
        Pod taskManagerTemplate = withEphemeralStorage(templates.taskManager(), settings.taskManager());
        ConfigMap config = ConfigMapModel.withPodTemplates(flinkConfig.get(), templates.jobManager(), taskManagerTemplate);
        Deployment jobManager = recorded(JobManagerModel.deployment(request, settings, templates.jobManager(),
                List.of(ConfigMapModel.flinkConfigVolume(config), ConfigMapModel.podTemplateVolume(config)), List.of(configMount, ConfigMapModel.podTemplateMount())), request);
        return Either.right(new DesiredCluster(settings, config, internal, rest.get(), jobManager, Option.none(), ingress));
    }

    /** The JobManager Deployment with what it was deployed from ({@link DeployedFrom}), on the Deployment only: its pods do not change with it. */
    private static Deployment recorded(Deployment jobManager, ClusterRequest request) {
        Map<String, String> annotations = new LinkedHashMap<>();
        if (jobManager.getMetadata().getAnnotations() != null) {
            annotations.putAll(jobManager.getMetadata().getAnnotations());
        }
        annotations.put(DeployedFrom.ANNOTATION, DeployedFrom.of(request).encode());
        jobManager.getMetadata().setAnnotations(annotations);
        return jobManager;
    }

    /**
     * The TaskManager template with {@code resource.ephemeralStorage} on Flink's container, as the Apache operator
     * writes it into the template it hands to Flink (Flink itself sets cpu and memory).
     */
    private static Pod withEphemeralStorage(Pod template, ProcessResources resources) {
        if (resources.ephemeralStorage() == null) {
            return template;
        }
        Pod copy = new PodBuilder(template).build();
        var spec = copy.getSpec() == null ? new PodSpec() : copy.getSpec();
        copy.setSpec(spec);
        var main = spec.getContainers().stream().filter(c -> ClusterNames.MAIN_CONTAINER.equals(c.getName())).findFirst();
        var container = main.orElseGet(() -> {
            var created = new ContainerBuilder().withName(ClusterNames.MAIN_CONTAINER).build();
            spec.getContainers().add(created);
            return created;
        });
        var requirements = container.getResources() == null ? new ResourceRequirements() : container.getResources();
        var quantity = new Quantity(resources.ephemeralStorageQuantity());
        requirements.getRequests().put("ephemeral-storage", quantity);
        requirements.getLimits().put("ephemeral-storage", quantity);
        container.setResources(requirements);
        return copy;
    }
}
