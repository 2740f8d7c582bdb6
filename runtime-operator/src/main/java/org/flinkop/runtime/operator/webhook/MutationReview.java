package org.flinkop.runtime.operator.webhook;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;

/**
 * The mutating webhook, doing exactly what the Apache operator's default mutator does: a FlinkSessionJob created or
 * updated gets the label {@code target.session} set to its {@code spec.deploymentName}, so that the jobs of a
 * session cluster can be selected by label. Anything else passes unchanged. It never refuses: what is wrong with a
 * resource is the validating webhook's to say.
 */
final class MutationReview {

    static final String TARGET_SESSION = "target.session";

    private final KubernetesSerialization json;

    MutationReview(KubernetesSerialization json) {
        this.json = json;
    }

    AdmissionResponse review(AdmissionRequest request) {
        if (!request.createOrUpdate() || !"FlinkSessionJob".equals(request.kind()) || request.object() == null
                || !(request.object().get("spec") instanceof Map<?, ?> spec) || !(spec.get("deploymentName") instanceof String deploymentName)) {
            return AdmissionResponse.allow();
        }
        Object labels = request.metadata().get("labels");
        if (labels instanceof Map<?, ?> existing && deploymentName.equals(existing.get(TARGET_SESSION))) {
            return AdmissionResponse.allow();
        }
        Map<String, Object> operation = labels instanceof Map<?, ?>
                ? Map.of("op", "add", "path", "/metadata/labels/" + pointer(TARGET_SESSION), "value", deploymentName)
                : Map.of("op", "add", "path", "/metadata/labels", "value", Map.of(TARGET_SESSION, deploymentName));
        return AdmissionResponse.patch(json.asJson(List.of(operation)));
    }

    /** A JSON pointer segment (RFC 6901): {@code ~} and {@code /} escaped. */
    private static String pointer(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }
}
