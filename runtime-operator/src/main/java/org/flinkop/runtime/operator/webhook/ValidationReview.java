package org.flinkop.runtime.operator.webhook;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.resource.Spelled;
import org.flinkop.domain.validation.Violation;
import org.flinkop.ports.admission.AdmissionService;
import org.flinkop.ports.admission.ResourceLookup;

/**
 * The validating webhook: a FlinkDeployment, FlinkSessionJob or FlinkStateSnapshot being created or updated is
 * admitted by the same {@link AdmissionService} as everywhere else, and refused with every violation, one line each
 * in the format the command line prints. On UPDATE the stored object is the live resource, so changes a deployed
 * cluster cannot take (application to session, native to standalone) are refused as the validator refuses them.
 *
 * <p>Allowed without checks: other operations and kinds, namespaces this operator does not watch (another operator
 * may manage them), an UPDATE of an object being deleted, and an UPDATE that leaves the spec as it was (finalizers,
 * labels, annotations: refusing those could only keep a resource from being deleted or labelled).
 */
final class ValidationReview {

    private final ResourceLookup store;
    private final boolean plainHttpJarsAllowed;
    private final Set<String> namespaces;

    /**
     * @param store                where a session job's session cluster is looked up
     * @param plainHttpJarsAllowed whether {@code http://} jar URIs are accepted (as the jar fetcher's settings say)
     * @param namespaces           the watched namespaces; empty for all
     */
    ValidationReview(ResourceLookup store, boolean plainHttpJarsAllowed, Set<String> namespaces) {
        this.store = store;
        this.plainHttpJarsAllowed = plainHttpJarsAllowed;
        this.namespaces = Set.copyOf(namespaces);
    }

    AdmissionResponse review(AdmissionRequest request) {
        if (!request.createOrUpdate() || request.object() == null || Spelled.parse(ResourceKind.class, request.kind()).isEmpty()
                || !namespaces.isEmpty() && !namespaces.contains(request.namespace())) {
            return AdmissionResponse.allow();
        }
        if (request.update() && (request.metadata().get("deletionTimestamp") != null || request.oldObject() != null
                && Objects.equals(request.object().get("spec"), request.oldObject().get("spec")))) {
            return AdmissionResponse.allow();
        }
        Map<String, Object> document = withNamespace(request.object(), request.namespace());
        java.util.List<String> warnings = ResourceBinding.decode(document).statusWarnings().map(Violation::describe).toJavaList();
        Either<List<Violation>, FlinkResource> admitted = new AdmissionService(lookup(request), plainHttpJarsAllowed).admit(document);
        if (admitted.isRight()) {
            return AdmissionResponse.allow(warnings);
        }
        return AdmissionResponse.deny(message(request.kind(), request.namespace(), String.valueOf(request.metadata().get("name")), admitted.getLeft()), warnings);
    }

    /** {@code FlinkDeployment team-a/orders: 3 problem(s)} and one indented line per violation. */
    static String message(String kind, String namespace, String name, List<Violation> violations) {
        StringBuilder message = new StringBuilder(kind + " " + (namespace == null ? "" : namespace + "/") + name + ": " + violations.size() + " problem(s)");
        violations.forEach(v -> message.append("\n  ").append(v.describe()));
        return message.toString();
    }

    /** The object an UPDATE replaces is the live resource; a CREATE has none; anything else is read from the store. */
    private ResourceLookup lookup(AdmissionRequest request) {
        Option<FlinkResource> old = request.update() && request.oldObject() != null
                ? ResourceBinding.decode(withNamespace(request.oldObject(), request.namespace())).resource()
                : Option.none();
        String name = String.valueOf(request.metadata().get("name"));
        return (kind, namespace, lookedUp) -> kind.spelling().equals(request.kind()) && Objects.equals(namespace, request.namespace())
                && lookedUp.equals(name) ? old : store.find(kind, namespace, lookedUp);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withNamespace(Map<String, Object> object, String namespace) {
        if (namespace == null || !(object.get("metadata") instanceof Map<?, ?> metadata) || metadata.get("namespace") != null) {
            return object;
        }
        Map<String, Object> filled = new LinkedHashMap<>((Map<String, Object>) metadata);
        filled.put("namespace", namespace);
        Map<String, Object> copy = new LinkedHashMap<>(object);
        copy.put("metadata", filled);
        return copy;
    }
}
