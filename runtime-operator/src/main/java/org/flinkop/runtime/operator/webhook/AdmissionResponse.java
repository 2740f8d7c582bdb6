package org.flinkop.runtime.operator.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A webhook's answer, written as the {@code admission.k8s.io/v1} AdmissionReview the API server expects.
 *
 * @param allowed   whether the request may proceed
 * @param message   why it was refused (the API server passes it to the client; kubectl prints it); null when allowed
 * @param warnings  shown by kubectl as {@code Warning: ...} lines, allowed or not
 * @param jsonPatch a JSONPatch (RFC 6902) the API server applies to the object, as JSON; null for none
 */
record AdmissionResponse(boolean allowed, String message, List<String> warnings, String jsonPatch) {

    /** The HTTP status code a refusal carries: the object is not acceptable as written. */
    static final int REFUSED = 422;

    AdmissionResponse {
        warnings = List.copyOf(warnings);
    }

    static AdmissionResponse allow() {
        return new AdmissionResponse(true, null, List.of(), null);
    }

    static AdmissionResponse allow(List<String> warnings) {
        return new AdmissionResponse(true, null, warnings, null);
    }

    static AdmissionResponse deny(String message, List<String> warnings) {
        return new AdmissionResponse(false, message, warnings, null);
    }

    static AdmissionResponse patch(String jsonPatch) {
        return new AdmissionResponse(true, null, List.of(), jsonPatch);
    }

    /** The whole review answering the request with {@code uid}. */
    Map<String, Object> toReview(String uid) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("uid", uid);
        response.put("allowed", allowed);
        if (!allowed) {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("code", REFUSED);
            status.put("message", message);
            response.put("status", status);
        }
        if (!warnings.isEmpty()) {
            response.put("warnings", warnings);
        }
        if (jsonPatch != null) {
            response.put("patchType", "JSONPatch");
            response.put("patch", Base64.getEncoder().encodeToString(jsonPatch.getBytes(StandardCharsets.UTF_8)));
        }
        Map<String, Object> review = new LinkedHashMap<>();
        review.put("apiVersion", "admission.k8s.io/v1");
        review.put("kind", "AdmissionReview");
        review.put("response", response);
        return review;
    }
}
