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
import org.flinkop.ports.PortFailure;

/**
 * The ConfigMaps of a cluster and how pods mount them: {@code flink-config-<name>} holds the Flink configuration
 * file and the log configuration (the spec's {@code logConfiguration}, or a console log4j configuration), mounted
 * at Flink's configuration directory; in native mode {@code pod-template-<name>} holds the pod templates Flink's
 * JobManager creates TaskManager pods from, mounted where the configuration says they are.
 */
final class ConfigMapModel {

    private static final String DEFAULT_LOG4J = defaultLog4j();

    private ConfigMapModel() {
    }

    static Either<PortFailure, ConfigMap> flinkConfig(ClusterRequest request, FlinkSettings settings) {
        return FlinkConfigFile.render(settings.configuration(), settings.flink2()).map(file -> new ConfigMapBuilder()
                .withMetadata(ObjectMetaModel.of(request, ClusterNames.flinkConfigMap(request.name()), ClusterLabels.common(request.name(), request.mode())))
                .withData(data(request, settings, file))
                .build());
    }

    static ConfigMap podTemplates(ClusterRequest request, Pod jobManagerTemplate, Pod taskManagerTemplate) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(ClusterNames.TASK_MANAGER_POD_TEMPLATE_FILE, PodTemplateModel.asYaml(taskManagerTemplate));
        data.put(ClusterNames.JOB_MANAGER_POD_TEMPLATE_FILE, PodTemplateModel.asYaml(jobManagerTemplate));
        return new ConfigMapBuilder()
                .withMetadata(ObjectMetaModel.of(request, ClusterNames.podTemplateConfigMap(request.name()), ClusterLabels.common(request.name(), request.mode())))
                .withData(data)
                .build();
    }

    /** The configuration volume, with one item per file of the ConfigMap. */
    static Volume flinkConfigVolume(ConfigMap flinkConfig) {
        return volume(ClusterNames.FLINK_CONF_VOLUME, flinkConfig);
    }

    static Volume podTemplateVolume(ConfigMap podTemplates) {
        return volume(ClusterNames.POD_TEMPLATE_VOLUME, podTemplates);
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

    private static Volume volume(String name, ConfigMap configMap) {
        List<KeyToPath> items = configMap.getData().keySet().stream().map(key -> new KeyToPathBuilder().withKey(key).withPath(key).build()).toList();
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
