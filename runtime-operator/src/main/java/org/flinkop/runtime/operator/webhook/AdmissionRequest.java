package org.flinkop.runtime.operator.webhook;

import java.util.Map;

/**
 * The part of an {@code admission.k8s.io/v1} AdmissionReview request the webhooks read.
 *
 * @param uid       echoed in the response, as the API server requires
 * @param kind      the kind of the object ({@code FlinkDeployment}, ...)
 * @param operation {@code CREATE}, {@code UPDATE}, {@code DELETE} or {@code CONNECT}
 * @param namespace the namespace of the request
 * @param object    the object as it would be stored, as a document tree; null for a DELETE
 * @param oldObject the stored object an UPDATE replaces; null otherwise
 */
record AdmissionRequest(String uid, String kind, String operation, String namespace, Map<String, Object> object, Map<String, Object> oldObject) {

    /** The request in a review, or null when the review has none (then it cannot be answered). */
    @SuppressWarnings("unchecked")
    static AdmissionRequest of(Map<String, Object> review) {
        if (!(review.get("request") instanceof Map<?, ?> request) || !(request.get("uid") instanceof String uid)) {
            return null;
        }
        String kind = request.get("kind") instanceof Map<?, ?> k && k.get("kind") instanceof String s ? s : "";
        return new AdmissionRequest(uid, kind, String.valueOf(request.get("operation")),
                request.get("namespace") instanceof String ns ? ns : null,
                request.get("object") instanceof Map<?, ?> o ? (Map<String, Object>) o : null,
                request.get("oldObject") instanceof Map<?, ?> o ? (Map<String, Object>) o : null);
    }

    boolean createOrUpdate() {
        return "CREATE".equals(operation) || "UPDATE".equals(operation);
    }

    boolean update() {
        return "UPDATE".equals(operation);
    }

    Map<String, Object> metadata() {
        return object != null && object.get("metadata") instanceof Map<?, ?> m ? cast(m) : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
