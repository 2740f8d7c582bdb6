package org.flinkop.adapters.kubernetes.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Kubernetes objects a cluster consists of. {@link #objects()} lists them configuration first, then the
 * Services, the Deployments and the Ingress.
 */
record DesiredCluster(
        FlinkSettings settings,
        ConfigMap flinkConfig,
        Service internalService,
        Service restService,
        Deployment jobManager,
        Option<Deployment> taskManager,
        Option<Ingress> ingress) {

    DesiredCluster {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(flinkConfig, "flinkConfig");
        Objects.requireNonNull(internalService, "internalService");
        Objects.requireNonNull(restService, "restService");
        Objects.requireNonNull(jobManager, "jobManager");
        Objects.requireNonNull(taskManager, "taskManager");
        Objects.requireNonNull(ingress, "ingress");
    }

    List<HasMetadata> objects() {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(flinkConfig);
        objects.add(internalService);
        objects.add(restService);
        objects.add(jobManager);
        taskManager.forEach(objects::add);
        ingress.forEach(objects::add);
        return objects;
    }
}
