package org.flinkop.adapters.kubernetes.deploy;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.domain.resource.StateLocationKind;

/**
 * What a cluster was deployed from, kept on its JobManager Deployment as the annotation {@value #ANNOTATION}: the
 * spec, where the job restored from, its job id, and the parallelism a rescale in place set since. With it the
 * deployer makes again, exactly as they were, the objects of a running cluster that someone deleted (its
 * configuration, Services and TaskManager Deployment) without touching the JobManager, and so without restarting
 * the job. It holds the spec as written, as the resource's status ({@code lastReconciledSpec}) and the cluster's
 * configuration do, and nothing more.
 *
 * @param parallelism the parallelism set by a rescale in place since the deployment, else null
 */
record DeployedFrom(FlinkDeploymentSpec spec, StateLocation restoreFrom, String jobId, Integer parallelism) {

    static final String ANNOTATION = "flinkop.org/deployed-from";

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    static DeployedFrom of(ClusterRequest request) {
        return new DeployedFrom(request.spec(), request.restoreFrom(), request.jobId(), null);
    }

    /** The record on {@code jobManager}; none when it has none or one this version cannot read. */
    static Option<DeployedFrom> on(Deployment jobManager) {
        Map<String, String> annotations = jobManager.getMetadata().getAnnotations();
        String text = annotations == null ? null : annotations.get(ANNOTATION);
        return text == null ? Option.none() : Try.of(() -> decode(text)).toOption().flatMap(found -> found);
    }

    DeployedFrom rescaledTo(int newParallelism) {
        return new DeployedFrom(spec, restoreFrom, jobId, newParallelism);
    }

    String encode() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("spec", ResourceBinding.encodeSpec(spec));
        Map<String, Object> restore = new LinkedHashMap<>();
        restore.put("kind", restoreFrom.kind().name());
        if (restoreFrom.path() != null) {
            restore.put("path", restoreFrom.path());
        }
        record.put("restoreFrom", restore);
        if (jobId != null) {
            record.put("jobId", jobId);
        }
        if (parallelism != null) {
            record.put("parallelism", parallelism);
        }
        return JSON.asJson(record);
    }

    @SuppressWarnings("unchecked")
    private static Option<DeployedFrom> decode(String text) {
        Map<String, Object> record = JSON.unmarshal(text, Map.class);
        Map<String, Object> restore = (Map<String, Object>) record.get("restoreFrom");
        Option<FlinkDeploymentSpec> spec = ResourceBinding.decodeSpec(record.get("spec"));
        if (spec.isEmpty() || restore == null) {
            return Option.none();
        }
        StateLocation restoreFrom = StateLocation.restoredFrom(StateLocationKind.valueOf((String) restore.get("kind")), (String) restore.get("path"));
        Number parallelism = (Number) record.get("parallelism");
        return Option.of(new DeployedFrom(spec.get(), restoreFrom, (String) record.get("jobId"), parallelism == null ? null : parallelism.intValue()));
    }

    /** The request that deployed the cluster of {@code jobManager}, owned as it is; none when its owner is not named. */
    Option<ClusterRequest> request(Deployment jobManager) {
        Option<OwnerReference> controller = Option.ofOptional(jobManager.getMetadata().getOwnerReferences().stream()
                .filter(reference -> Boolean.TRUE.equals(reference.getController())).findFirst());
        String cluster = jobManager.getMetadata().getLabels() == null ? null : jobManager.getMetadata().getLabels().get(ClusterLabels.APP);
        if (cluster == null) {
            return Option.none();
        }
        return controller.map(owner -> new ClusterRequest(jobManager.getMetadata().getNamespace(), cluster,
                new Owner(owner.getApiVersion(), owner.getKind(), owner.getName(), owner.getUid()), spec, restoreFrom, jobId));
    }
}
