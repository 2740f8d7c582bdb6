package org.flinkop.adapters.kubernetes.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a merged pod template into the pod of a JobManager or TaskManager, the way Flink's Kubernetes decorators
 * do: the cluster's labels added, the service account set, and {@code flink-main-container} (taken from the
 * template when it has one) given Flink's image, pull policy, resources, command, ports, environment and the
 * configuration volume. Everything else in the template (sidecars, init containers, volumes, affinity, ...) is
 * kept as the user wrote it.
 */
final class FlinkPodModel {

    static final String POD_IP_ENV = "_POD_IP_ADDRESS";

    private FlinkPodModel() {
    }

    /** What Flink's container gets, over whatever the template says of it. */
    record MainContainer(String image, String pullPolicy, ProcessResources resources, List<String> command, List<String> args,
            List<ContainerPort> ports, List<EnvVar> env, List<VolumeMount> mounts) {
    }

    static PodTemplateSpec pod(Pod userTemplate, Map<String, String> labels, String serviceAccount, MainContainer main, List<Volume> volumes) {
        Pod template = new PodBuilder(userTemplate).build();
        ObjectMeta source = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        ObjectMeta metadata = new ObjectMeta();
        Map<String, String> podLabels = new LinkedHashMap<>(source.getLabels() == null ? Map.of() : source.getLabels());
        podLabels.putAll(labels);
        metadata.setLabels(podLabels);
        if (source.getAnnotations() != null && !source.getAnnotations().isEmpty()) {
            metadata.setAnnotations(new LinkedHashMap<>(source.getAnnotations()));
        }
        PodSpec spec = template.getSpec() == null ? new PodSpec() : template.getSpec();
        spec.setServiceAccountName(serviceAccount);
        spec.setServiceAccount(serviceAccount);
        spec.setContainers(containers(spec.getContainers(), main));
        spec.setVolumes(byName(spec.getVolumes(), volumes, Volume::getName));
        PodTemplateSpec pod = new PodTemplateSpec();
        pod.setMetadata(metadata);
        pod.setSpec(spec);
        return pod;
    }

    /** The template's containers with Flink's container decorated in place, or added first when the template has none. */
    private static List<Container> containers(List<Container> templateContainers, MainContainer main) {
        List<Container> containers = new ArrayList<>(templateContainers == null ? List.of() : templateContainers);
        int at = -1;
        for (int i = 0; i < containers.size(); i++) {
            if (ClusterNames.MAIN_CONTAINER.equals(containers.get(i).getName())) {
                at = i;
            }
        }
        Container decorated = mainContainer(at < 0 ? new Container() : containers.get(at), main);
        if (at < 0) {
            containers.add(0, decorated);
        } else {
            containers.set(at, decorated);
        }
        return containers;
    }

    private static Container mainContainer(Container template, MainContainer main) {
        return new ContainerBuilder(template)
                .withName(ClusterNames.MAIN_CONTAINER)
                .withImage(main.image())
                .withImagePullPolicy(main.pullPolicy())
                .withResources(resources(template.getResources(), main.resources()))
                .withCommand(main.command())
                .withArgs(main.args())
                .withPorts(byName(template.getPorts(), main.ports(), ContainerPort::getName))
                .withEnv(byName(template.getEnv(), main.env(), EnvVar::getName))
                .withVolumeMounts(byName(template.getVolumeMounts(), main.mounts(), VolumeMount::getName))
                .build();
    }

    /**
     * The template's resources with cpu and memory from the spec (as Flink sizes them, overriding the template)
     * and its ephemeral storage; other resources in the template (GPUs, ...) are kept.
     */
    static ResourceRequirements resources(ResourceRequirements template, ProcessResources resources) {
        Map<String, Quantity> requests = new LinkedHashMap<>(template == null || template.getRequests() == null ? Map.of() : template.getRequests());
        Map<String, Quantity> limits = new LinkedHashMap<>(template == null || template.getLimits() == null ? Map.of() : template.getLimits());
        requests.put("cpu", new Quantity(resources.cpuRequest()));
        requests.put("memory", new Quantity(resources.memoryRequest()));
        limits.put("cpu", new Quantity(resources.cpuLimit()));
        limits.put("memory", new Quantity(resources.memoryLimit()));
        if (resources.ephemeralStorage() != null) {
            requests.put("ephemeral-storage", new Quantity(resources.ephemeralStorageQuantity()));
            limits.put("ephemeral-storage", new Quantity(resources.ephemeralStorageQuantity()));
        }
        ResourceRequirements requirements = new ResourceRequirements();
        requirements.setRequests(requests);
        requirements.setLimits(limits);
        if (template != null && template.getClaims() != null && !template.getClaims().isEmpty()) {
            requirements.setClaims(template.getClaims());
        }
        return requirements;
    }

    /** The template's items, Flink's replacing any of the same name. */
    private static <T> List<T> byName(List<T> template, List<T> flink, Function<T, String> name) {
        List<T> merged = new ArrayList<>();
        if (template != null) {
            template.stream().filter(item -> flink.stream().noneMatch(f -> name.apply(f).equals(name.apply(item)))).forEach(merged::add);
        }
        merged.addAll(flink);
        return merged;
    }
}
