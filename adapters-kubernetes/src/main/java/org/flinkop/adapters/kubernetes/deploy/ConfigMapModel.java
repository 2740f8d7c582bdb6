package org.flinkop.adapters.kubernetes.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.KeyToPathBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.flinkop.ports.PortFailure;

/**
 * The ConfigMap of a cluster and how pods mount it: {@code flink-config-<name>} holds the Flink configuration file
 * and the log configuration (the spec's {@code logConfiguration}, or a console log4j configuration), mounted at
 * Flink's configuration directory, and in native mode also the pod templates Flink's JobManager creates TaskManager
 * pods from, mounted apart where the configuration says they are. (Flink's own client ships them in a ConfigMap of
 * their own; one ConfigMap is one write fewer per deploy, and only the JobManager mounts the templates.)
 */
final class ConfigMapModel {

    private static final String DEFAULT_LOG4J = defaultLog4j();
    private static final Set<String> POD_TEMPLATE_FILES = Set.of(ClusterNames.TASK_MANAGER_POD_TEMPLATE_FILE, ClusterNames.JOB_MANAGER_POD_TEMPLATE_FILE);

    private ConfigMapModel() {
    }

    static Either<PortFailure, ConfigMap> flinkConfig(ClusterRequest request, FlinkSettings settings) {
        return FlinkConfigFile.render(settings.configuration(), settings.flink2()).map(file -> new ConfigMapBuilder()
                .withMetadata(ObjectMetaModel.of(request, ClusterNames.flinkConfigMap(request.name()), ClusterLabels.common(request.name(), request.mode())))
                .withData(data(request, settings, file))
                .build());
    }

    /** {@code flinkConfig} with the pod templates added, for a native cluster. */
    static ConfigMap withPodTemplates(ConfigMap flinkConfig, Pod jobManagerTemplate, Pod taskManagerTemplate) {
        Map<String, String> data = new LinkedHashMap<>(flinkConfig.getData());
        data.put(ClusterNames.TASK_MANAGER_POD_TEMPLATE_FILE, PodTemplateModel.asYaml(taskManagerTemplate));
        data.put(ClusterNames.JOB_MANAGER_POD_TEMPLATE_FILE, PodTemplateModel.asYaml(jobManagerTemplate));
        return new ConfigMapBuilder(flinkConfig).withData(data).build();
    }

    /** The configuration volume, with one item per file of the ConfigMap but the pod templates. */
    static Volume flinkConfigVolume(ConfigMap flinkConfig) {
        return volume(ClusterNames.FLINK_CONF_VOLUME, flinkConfig, key -> !POD_TEMPLATE_FILES.contains(key));
    }

    /** The pod templates' volume: the same ConfigMap, with only the pod templates. */
    static Volume podTemplateVolume(ConfigMap flinkConfig) {
        return volume(ClusterNames.POD_TEMPLATE_VOLUME, flinkConfig, POD_TEMPLATE_FILES::contains);
    }

    static VolumeMount flinkConfigMount() {
        return new VolumeMountBuilder().withName(ClusterNames.FLINK_CONF_VOLUME).withMountPath(ClusterNames.FLINK_CONF_DIR).build();
    }

    static VolumeMount podTemplateMount() {
        return new VolumeMountBuilder().withName(ClusterNames.POD_TEMPLATE_VOLUME).withMountPath(ClusterNames.POD_TEMPLATE_DIR).build();
    }

    private static Map<String, String> data(ClusterRequest request, FlinkSettings settings, String configFile) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(settings.configFileName(), configFile);
        Map<String, String> logs = request.spec().logConfiguration();
        if (logs == null || logs.isEmpty()) {
            data.put(ClusterNames.LOG4J_FILE, DEFAULT_LOG4J);
        } else {
            data.putAll(logs);
        }
        return data;
    }

    private static Volume volume(String name, ConfigMap configMap, Predicate<String> files) {
        List<KeyToPath> items = configMap.getData().keySet().stream().filter(files)
                .map(key -> new KeyToPathBuilder().withKey(key).withPath(key).build()).toList();
        return new VolumeBuilder().withName(name).withNewConfigMap().withName(configMap.getMetadata().getName()).withItems(items).endConfigMap().build();
    }

    private static String defaultLog4j() {
        try (InputStream in = ConfigMapModel.class.getResourceAsStream(ClusterNames.LOG4J_FILE)) {
            if (in == null) {
                throw new IllegalStateException(ClusterNames.LOG4J_FILE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
