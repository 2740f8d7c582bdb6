package org.flinkop.runtime.embedded.store;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.flinkop.domain.binding.Bound;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ObjectMeta;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.validation.Violation;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A resource file: the whole resource as indented JSON, written through the domain's binding, and read back
 * strictly. JSON rather than YAML because a store file is read back on every start: JSON parses about ten times
 * faster, a cut-off JSON file never parses as a shorter valid one, and no string is ever taken for a number or a
 * boolean. It is still YAML (JSON is a subset), so any YAML tool reads it.
 *
 * <p>A file that does not give back a complete stored resource, under the name its path says, is refused with
 * the reason; and a resource that would not read back from its own file is never written.
 */
final class ResourceCodec {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // the same number types the YAML edge gives, so that a tree read from a file equals the one the user wrote
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ResourceCodec() {
    }

    /** A resource read back, with what its status lost in reading (nothing, for files this store wrote). */
    record Decoded(FlinkResource resource, List<Violation> statusWarnings) {
    }

    static byte[] encode(FlinkResource resource) {
        return write(ResourceBinding.encode(resource));
    }

    static byte[] write(Object tree) {
        return JSON.writeValueAsBytes(tree);
    }

    /** The resource in {@code content}, which must be the resource {@code expected} that {@code file}'s path names. */
    static Either<String, Decoded> decode(ResourceKey expected, byte[] content) {
        return document(content).flatMap(tree -> {
            Bound bound = ResourceBinding.decode(tree);
            if (!bound.violations().isEmpty()) {
                return Either.left(bound.violations().map(Violation::describe).mkString("; "));
            }
            FlinkResource resource = bound.resource().get();
            ResourceKey key = ResourceKey.of(resource);
            if (!key.equals(expected)) {
                return Either.left("it holds " + key + " but its path names " + expected);
            }
            return missingMetadata(resource.metadata())
                    .<Either<String, Decoded>>map(Either::left)
                    .getOrElse(() -> Either.right(new Decoded(resource, bound.statusWarnings())));
        });
    }

    /** The one JSON document of a store file, or why it is not one. */
    static Either<String, Object> document(byte[] content) {
        if (content.length == 0) {
            return Either.left("it is empty");
        }
        try {
            return Either.right(JSON.readValue(content, Object.class));
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            String why = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage().lines().findFirst().orElse("");
            return Either.left("it is not JSON: " + where + why);
        }
    }

    /** The metadata every stored resource has, which a file written by hand or damaged may lack. */
    private static Option<String> missingMetadata(ObjectMeta meta) {
        if (meta.uid() == null || meta.uid().isBlank()) {
            return Option.of("metadata.uid is missing");
        }
        if (meta.generation() == null || meta.creationTimestamp() == null) {
            return Option.of("metadata.generation and metadata.creationTimestamp are required");
        }
        if (ResourceVersions.parse(meta.resourceVersion()).isEmpty()) {
            return Option.of("metadata.resourceVersion '" + meta.resourceVersion() + "' is not a positive whole number");
        }
        return Option.none();
    }
}
