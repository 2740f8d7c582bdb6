package org.flinkop.runtime.embedded.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.decision.Action.EventType;
import org.flinkop.domain.decision.EventReason;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.validation.Reason;
import org.flinkop.domain.validation.Violation;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.api.OperatorApi.Refusal;
import org.flinkop.ports.store.RecordedEvent;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the answers of {@link OperatorAccess} travel between {@code flinkctl run} and the other commands: JSON
 * objects. Resources go through the domain's binding, as the durable store writes them, so a resource read over
 * the wire equals the stored one; refusals keep every violation and the failure's reason.
 */
final class Wire {

    private static final JsonMapper JSON = JsonMapper.builder()
            // the number types the YAML edge gives, so that a document sent equals the one the user wrote
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private Wire() {
    }

    static byte[] write(Map<String, ?> message) {
        return JSON.writeValueAsBytes(message);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(byte[] body) {
        Object tree = JSON.readValue(body, Object.class);
        if (!(tree instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        return (Map<String, Object>) tree;
    }

    static Map<String, Object> key(ResourceKey key) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("kind", key.kind().name());
        tree.put("namespace", key.namespace());
        tree.put("name", key.name());
        return tree;
    }

    static ResourceKey key(Object tree) {
        Map<?, ?> map = (Map<?, ?>) tree;
        return new ResourceKey(ResourceKind.valueOf((String) map.get("kind")), (String) map.get("namespace"), (String) map.get("name"));
    }

    static Map<String, Object> resource(FlinkResource resource) {
        return ResourceBinding.encode(resource);
    }

    static FlinkResource resource(Object tree) {
        return ResourceBinding.decode(tree).resource()
                .getOrElseThrow(() -> new IllegalArgumentException("the operator sent something that is not a resource"));
    }

    static Map<String, Object> refusal(Refusal refusal) {
        if (refusal instanceof Refusal.Invalid invalid) {
            List<Map<String, Object>> violations = new ArrayList<>();
            for (Violation v : invalid.violations()) {
                violations.add(Map.of("path", v.path(), "reason", v.reason().name(), "problem", v.problem(), "allowed", v.allowed()));
            }
            return Map.of("invalid", violations);
        }
        PortFailure failure = ((Refusal.Failed) refusal).failure();
        return Map.of("failed", Map.of("reason", failure.reason().name(), "message", failure.message()));
    }

    static Refusal refusal(Object tree) {
        Map<?, ?> map = (Map<?, ?>) tree;
        if (map.containsKey("invalid")) {
            io.vavr.collection.List<Violation> violations = io.vavr.collection.List.ofAll((List<?>) map.get("invalid")).map(v -> {
                Map<?, ?> m = (Map<?, ?>) v;
                return new Violation((String) m.get("path"), Reason.valueOf((String) m.get("reason")), (String) m.get("problem"), (String) m.get("allowed"));
            });
            return new Refusal.Invalid(violations);
        }
        Map<?, ?> failed = (Map<?, ?>) map.get("failed");
        return new Refusal.Failed(PortFailure.of(PortFailure.Reason.valueOf((String) failed.get("reason")), (String) failed.get("message")));
    }

    static Map<String, Object> event(RecordedEvent event) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("at", event.at().toString());
        tree.put("reason", event.reason().name());
        tree.put("type", event.type().name());
        tree.put("message", event.message());
        return tree;
    }

    static RecordedEvent event(Object tree) {
        Map<?, ?> map = (Map<?, ?>) tree;
        return new RecordedEvent(Instant.parse((String) map.get("at")), EventReason.valueOf((String) map.get("reason")),
                EventType.valueOf((String) map.get("type")), (String) map.get("message"));
    }
}
