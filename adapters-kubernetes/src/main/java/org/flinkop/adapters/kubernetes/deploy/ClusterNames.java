package org.flinkop.adapters.kubernetes.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.List;

/**
 * The names of a cluster's Kubernetes objects, derived from the FlinkDeployment's name as Flink's own
 * Kubernetes integration and the Apache operator name them, so that tools and dashboards that know those
 * names keep working.
 */
final class ClusterNames {

    static final String MAIN_CONTAINER = "flink-main-container";
    static final String FLINK_CONF_VOLUME = "flink-config-volume";
    static final String POD_TEMPLATE_VOLUME = "pod-template-volume";
    static final String FLINK_CONF_DIR = "/opt/flink/conf";
    static final String POD_TEMPLATE_DIR = "/opt/flink/pod-template";
    static final String TASK_MANAGER_POD_TEMPLATE_FILE = "taskmanager-pod-template.yaml";
    static final String JOB_MANAGER_POD_TEMPLATE_FILE = "jobmanager-pod-template.yaml";
    static final String LOG4J_FILE = "log4j-console.properties";
    static final String LOGBACK_FILE = "logback-console.xml";

    private ClusterNames() {
    }

    /** The JobManager Deployment: the cluster id itself, as in Flink's native integration. */
    static String jobManagerDeployment(String cluster) {
        return cluster;
    }

    /** The TaskManager Deployment of a standalone cluster. */
    static String taskManagerDeployment(String cluster) {
        return cluster + "-taskmanager";
    }

    /** The headless service TaskManagers reach the JobManager's RPC and blob server through. */
    static String internalService(String cluster) {
        return cluster;
    }

    static String restService(String cluster) {
        return cluster + "-rest";
    }

    static String flinkConfigMap(String cluster) {
        return "flink-config-" + cluster;
    }

    static String ingress(String cluster) {
        return cluster;
    }

    /** One object of a cluster: its kind and its name. */
    record ObjectName(Class<? extends HasMetadata> kind, String name) {

        static ObjectName of(HasMetadata object) {
            return new ObjectName(object.getClass(), object.getMetadata().getName());
        }
    }

    /**
     * Every object a cluster of either mode may be made of, in the order a cluster is taken down: the Deployments
     * (and so the pods) first, the Ingress and Services next, the pods' configuration last.
     */
    static List<ObjectName> objects(String cluster) {
        return List.of(new ObjectName(Deployment.class, jobManagerDeployment(cluster)), new ObjectName(Deployment.class, taskManagerDeployment(cluster)),
                new ObjectName(Ingress.class, ingress(cluster)), new ObjectName(Service.class, internalService(cluster)),
                new ObjectName(Service.class, restService(cluster)), new ObjectName(ConfigMap.class, flinkConfigMap(cluster)));
    }
}
