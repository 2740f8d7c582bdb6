package org.flinkop.archfixture.adapters.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Violation: a model class that reads from the API server instead of only generating objects. */
public final class ApiCallingModel {
    public ConfigMap current(KubernetesClient client) {
        return client.configMaps().withName("flink-config").get();
    }
}
