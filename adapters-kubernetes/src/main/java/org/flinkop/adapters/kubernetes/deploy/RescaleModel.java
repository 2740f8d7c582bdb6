package org.flinkop.adapters.kubernetes.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.vavr.control.Either;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flinkop.domain.config.FlinkOptions;
import org.flinkop.ports.PortFailure;

/**
 * A standalone cluster rescaled in place: the TaskManager count and the configuration's
 * {@code parallelism.default}, worked out as {@link FlinkConfigModel} works them out for a new spec, so that
 * deploying the rescaled spec later changes nothing more. TaskManager replicas take precedence (parallelism is
 * replicas times slots); a parallelism alone asks for enough TaskManagers to give it slots.
 *
 * @param configMap    the cluster's configuration ConfigMap with the new parallelism
 * @param taskManagers how many TaskManagers to run
 * @param parallelism  the job's parallelism
 */
record RescaleModel(ConfigMap configMap, int taskManagers, int parallelism) {

    static Either<PortFailure, RescaleModel> of(ConfigMap current, Integer taskManagers, Integer parallelism) {
        if (taskManagers != null && taskManagers < 1) {
            return Rejections.reject("taskManagers", taskManagers + " is not above zero", "a whole number of 1 or more");
        }
        if (parallelism != null && parallelism < 1) {
            return Rejections.reject("parallelism", parallelism + " is not above zero", "a whole number of 1 or more");
        }
        Map<String, String> data = current.getData() == null ? Map.of() : current.getData();
        boolean standardYaml = data.containsKey("config.yaml");
        String file = standardYaml ? "config.yaml" : "flink-conf.yaml";
        String text = data.get(file);
        if (text == null) {
            return Either.left(PortFailure.of(PortFailure.Reason.NOT_FOUND, "ConfigMap " + current.getMetadata().getName() + " holds no Flink configuration file"));
        }
        int slots = FlinkOptions.positiveInteger(FlinkConfigFile.read(text).get(FlinkOptions.TASK_SLOTS)).getOrElse(1);
        int replicas = taskManagers != null ? taskManagers : (parallelism + slots - 1) / slots;
        int newParallelism = taskManagers != null ? taskManagers * slots : parallelism;
        Map<String, String> newData = new LinkedHashMap<>(data);
        newData.put(file, FlinkConfigFile.withValue(text, FlinkConfigModel.PARALLELISM, Integer.toString(newParallelism), standardYaml));
        return Either.right(new RescaleModel(new ConfigMapBuilder(current).withData(newData).build(), replicas, newParallelism));
    }
}
