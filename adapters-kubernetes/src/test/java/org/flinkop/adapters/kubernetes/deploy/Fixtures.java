package org.flinkop.adapters.kubernetes.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.flinkop.domain.binding.Bound;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.JobSpec;
import org.flinkop.domain.resource.KubernetesDeploymentMode;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.domain.resource.TaskManagerSpec;

/** The examples of {@code examples/} as requests to the model, and ways to look into what it generates. */
final class Fixtures {

    static final Path EXAMPLES = Path.of(System.getProperty("examples.dir", "../examples"));
    static final String NAMESPACE = "streaming";
    static final String UID = "6b0c7f4e-8f7a-4c1e-9a51-3d2f4e5a6b7c";
    static final String JOB_ID = "0123456789abcdef0123456789abcdef";

    private Fixtures() {
    }

    static FlinkDeployment example(String file) {
        try {
            Object tree = new KubernetesSerialization().unmarshal(Files.readString(EXAMPLES.resolve(file)), Map.class);
            Bound bound = ResourceBinding.decode(tree);
            if (!bound.isClean()) {
                throw new IllegalStateException(file + " does not read cleanly: " + bound.violations());
            }
            return (FlinkDeployment) bound.resource().get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FlinkDeploymentSpec spec(String file) {
        return example(file).spec();
    }

    static ClusterRequest request(String file) {
        FlinkDeployment deployment = example(file);
        return request(deployment.metadata().name(), deployment.spec(), StateLocation.none(), deployment.spec().hasJob() ? JOB_ID : null);
    }

    static ClusterRequest request(String name, FlinkDeploymentSpec spec, StateLocation restoreFrom, String jobId) {
        return new ClusterRequest(NAMESPACE, name, new Owner("flink.apache.org/v1beta1", "FlinkDeployment", name, UID), spec, restoreFrom, jobId);
    }

    static ClusterRequest withSpec(ClusterRequest request, UnaryOperator<FlinkDeploymentSpec> change) {
        return new ClusterRequest(request.namespace(), request.name(), request.owner(), change.apply(request.spec()), request.restoreFrom(), request.jobId());
    }

    static ClusterRequest restoring(ClusterRequest request, StateLocation restoreFrom) {
        return new ClusterRequest(request.namespace(), request.name(), request.owner(), request.spec(), restoreFrom, request.jobId());
    }

    static DesiredCluster generate(ClusterRequest request) {
        var generated = ClusterModel.of(request);
        if (generated.isLeft()) {
            throw new AssertionError("generation failed: " + generated.getLeft());
        }
        return generated.get();
    }

    // ---- spec changes ---------------------------------------------------------------------------------------

    static FlinkDeploymentSpec mode(FlinkDeploymentSpec s, KubernetesDeploymentMode mode) {
        return new FlinkDeploymentSpec(s.job(), s.restartNonce(), s.flinkConfiguration(), s.image(), s.imagePullPolicy(), s.serviceAccount(),
                s.flinkVersion(), s.ingress(), s.podTemplate(), s.jobManager(), s.taskManager(), s.logConfiguration(), mode);
    }

    static FlinkDeploymentSpec configuration(FlinkDeploymentSpec s, String key, String value) {
        Map<String, String> conf = new LinkedHashMap<>(s.configuration());
        conf.put(key, value);
        return new FlinkDeploymentSpec(s.job(), s.restartNonce(), conf, s.image(), s.imagePullPolicy(), s.serviceAccount(),
                s.flinkVersion(), s.ingress(), s.podTemplate(), s.jobManager(), s.taskManager(), s.logConfiguration(), s.mode());
    }

    static FlinkDeploymentSpec version(FlinkDeploymentSpec s, org.flinkop.domain.resource.FlinkVersion version) {
        return new FlinkDeploymentSpec(s.job(), s.restartNonce(), s.flinkConfiguration(), s.image(), s.imagePullPolicy(), s.serviceAccount(),
                version, s.ingress(), s.podTemplate(), s.jobManager(), s.taskManager(), s.logConfiguration(), s.mode());
    }

    static FlinkDeploymentSpec taskManagerReplicas(FlinkDeploymentSpec s, Integer replicas) {
        TaskManagerSpec tm = s.taskManager();
        return new FlinkDeploymentSpec(s.job(), s.restartNonce(), s.flinkConfiguration(), s.image(), s.imagePullPolicy(), s.serviceAccount(),
                s.flinkVersion(), s.ingress(), s.podTemplate(), s.jobManager(), new TaskManagerSpec(tm == null ? null : tm.resource(), replicas,
                        tm == null ? null : tm.podTemplate()), s.logConfiguration(), s.mode());
    }

    static FlinkDeploymentSpec job(FlinkDeploymentSpec s, UnaryOperator<JobSpec> change) {
        return new FlinkDeploymentSpec(change.apply(s.job()), s.restartNonce(), s.flinkConfiguration(), s.image(), s.imagePullPolicy(), s.serviceAccount(),
                s.flinkVersion(), s.ingress(), s.podTemplate(), s.jobManager(), s.taskManager(), s.logConfiguration(), s.mode());
    }

    static JobSpec parallelism(JobSpec j, Integer parallelism) {
        return new JobSpec(j.jarURI(), parallelism, j.entryClass(), j.args(), j.state(), j.savepointTriggerNonce(), j.initialSavepointPath(),
                j.checkpointTriggerNonce(), j.upgradeMode(), j.allowNonRestoredState(), j.savepointRedeployNonce(), j.autoscalerResetNonce());
    }

    static JobSpec entry(JobSpec j, String entryClass, java.util.List<String> args, Boolean allowNonRestoredState) {
        return new JobSpec(j.jarURI(), j.parallelism(), entryClass, args, j.state(), j.savepointTriggerNonce(), j.initialSavepointPath(),
                j.checkpointTriggerNonce(), j.upgradeMode(), allowNonRestoredState, j.savepointRedeployNonce(), j.autoscalerResetNonce());
    }

    // ---- looking into generated objects --------------------------------------------------------------------

    static Container mainContainer(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> ClusterNames.MAIN_CONTAINER.equals(c.getName())).findFirst().orElseThrow();
    }

    /** The generated Flink configuration file, read back as keys and values. */
    static Map<String, String> configFile(DesiredCluster cluster) {
        ConfigMap configMap = cluster.flinkConfig();
        return FlinkConfigFile.read(configMap.getData().get(cluster.settings().configFileName()));
    }

    static String quantity(Container container, String kind, String resource) {
        var map = "limits".equals(kind) ? container.getResources().getLimits() : container.getResources().getRequests();
        return map.get(resource).toString();
    }
}
