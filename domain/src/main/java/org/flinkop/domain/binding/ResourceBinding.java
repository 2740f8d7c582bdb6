package org.flinkop.domain.binding;

import io.vavr.control.Option;
import java.util.Map;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.FlinkStateSnapshot;
import org.flinkop.domain.resource.ObjectMeta;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.resource.Spelled;
import org.flinkop.domain.validation.Reason;

/**
 * Reads and writes the three resource kinds as document trees: {@code Map<String, ?>} for objects,
 * {@code List<?>} for lists, and {@code String}, {@code Number}, {@code Boolean} or {@code null} for scalars.
 * That is what a YAML or JSON parser produces and what a Kubernetes client holds; parsing the text itself is
 * the caller's job. Reading never throws: every problem becomes a {@link org.flinkop.domain.validation.Violation}
 * with its field path.
 */
public final class ResourceBinding {

    private ResourceBinding() {
    }

    public static Bound decode(Object document) {
        Problems problems = new Problems();
        Problems statusProblems = new Problems();
        FlinkResource resource = ObjectReader.read("", document, problems, r -> decodeResource(r, statusProblems));
        if (document == null) {
            problems.add("(document)", Reason.WRONG_TYPE, "the document is empty", "a FlinkDeployment, FlinkSessionJob or FlinkStateSnapshot");
        }
        return new Bound(Option.of(resource), problems.all(), statusProblems.all());
    }

    private static FlinkResource decodeResource(ObjectReader r, Problems statusProblems) {
        String apiVersion = r.string("apiVersion");
        if (apiVersion == null) {
            r.missing("apiVersion", FlinkResource.API_VERSION);
        } else if (!FlinkResource.API_VERSION.equals(apiVersion)) {
            r.problems().add(r.at("apiVersion"), Reason.WRONG_API_VERSION, "'" + apiVersion + "' is not served by this operator", FlinkResource.API_VERSION);
        }
        String kindText = r.string("kind");
        Option<ResourceKind> kind = Option.of(kindText).flatMap(k -> Spelled.parse(ResourceKind.class, k));
        String allowedKinds = String.join(", ", Spelled.spellings(ResourceKind.class));
        if (kindText == null) {
            r.missing("kind", allowedKinds);
        } else if (kind.isEmpty()) {
            r.problems().add(r.at("kind"), Reason.UNKNOWN_KIND, "'" + kindText + "' is not a kind of " + FlinkResource.API_VERSION, allowedKinds);
        }
        ObjectMeta metadata = r.object("metadata", ResourceBinding::decodeMetadata);
        if (!r.has("metadata")) {
            r.missing("metadata", "an object with at least a name");
        }
        if (!r.has("spec")) {
            r.missing("spec", "the spec of the resource");
        }
        if (kind.isEmpty()) {
            r.raw("spec");
            r.raw("status");
            return null;
        }
        ObjectMeta meta = metadata != null ? metadata : ObjectMeta.named(null, null);
        Object rawStatus = r.raw("status");
        return switch (kind.get()) {
            case FLINK_DEPLOYMENT -> new FlinkDeployment(meta,
                    r.object("spec", DeploymentSpecBinding::decode),
                    ObjectReader.read("status", rawStatus, statusProblems, StatusBinding::decodeDeployment));
            case FLINK_SESSION_JOB -> new FlinkSessionJob(meta,
                    r.object("spec", JobSpecBinding::decodeSessionJob),
                    ObjectReader.read("status", rawStatus, statusProblems, StatusBinding::decodeSessionJob));
            case FLINK_STATE_SNAPSHOT -> new FlinkStateSnapshot(meta,
                    r.object("spec", SnapshotBinding::decodeSpec),
                    ObjectReader.read("status", rawStatus, statusProblems, SnapshotBinding::decodeStatus));
        };
    }

    private static ObjectMeta decodeMetadata(ObjectReader r) {
        // Kubernetes adds these; the operator neither needs nor writes them back through this model.
        r.tolerate("generateName", "selfLink", "ownerReferences", "managedFields", "deletionGracePeriodSeconds");
        return new ObjectMeta(
                r.string("name"),
                r.string("namespace"),
                r.string("uid"),
                r.string("resourceVersion"),
                r.longValue("generation"),
                r.instant("creationTimestamp", false),
                r.instant("deletionTimestamp", false),
                r.stringMap("labels"),
                r.stringMap("annotations"),
                r.stringList("finalizers"));
    }

    /** A FlinkDeployment spec as the resource's document writes it (for records kept outside the resource). */
    public static Map<String, Object> encodeSpec(FlinkDeploymentSpec spec) {
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) encode(new FlinkDeployment(ObjectMeta.named(null, "spec"), spec, null))
                .get("spec");
        return tree;
    }

    /** The FlinkDeployment spec {@link #encodeSpec} wrote; none when {@code tree} does not decode cleanly. */
    public static Option<FlinkDeploymentSpec> decodeSpec(Object tree) {
        Map<String, Object> document = new java.util.LinkedHashMap<>();
        document.put("apiVersion", FlinkResource.API_VERSION);
        document.put("kind", "FlinkDeployment");
        document.put("metadata", Map.of("name", "spec"));
        document.put("spec", tree);
        Bound bound = decode(document);
        return bound.isClean() && bound.resource().isDefined() && bound.resource().get() instanceof FlinkDeployment d
                ? Option.of(d.spec()) : Option.none();
    }

    public static Map<String, Object> encode(FlinkResource resource) {
        ObjectWriter w = new ObjectWriter()
                .put("apiVersion", FlinkResource.API_VERSION)
                .put("kind", resource.kind())
                .put("metadata", resource.metadata(), ResourceBinding::encodeMetadata);
        if (resource instanceof FlinkDeployment d) {
            w.put("spec", d.spec(), DeploymentSpecBinding::encode).put("status", d.status(), StatusBinding::encodeDeployment);
        } else if (resource instanceof FlinkSessionJob j) {
            w.put("spec", j.spec(), JobSpecBinding::encodeSessionJob).put("status", j.status(), StatusBinding::encodeSessionJob);
        } else if (resource instanceof FlinkStateSnapshot s) {
            w.put("spec", s.spec(), SnapshotBinding::encodeSpec).put("status", s.status(), SnapshotBinding::encodeStatus);
        }
        return w.build();
    }

    private static Map<String, Object> encodeMetadata(ObjectMeta meta) {
        return new ObjectWriter()
                .put("name", meta.name())
                .put("namespace", meta.namespace())
                .put("uid", meta.uid())
                .put("resourceVersion", meta.resourceVersion())
                .put("generation", meta.generation())
                .put("creationTimestamp", meta.creationTimestamp())
                .put("deletionTimestamp", meta.deletionTimestamp())
                .putNonEmpty("labels", meta.labels())
                .putNonEmpty("annotations", meta.annotations())
                .putNonEmpty("finalizers", meta.finalizers())
                .build();
    }
}
