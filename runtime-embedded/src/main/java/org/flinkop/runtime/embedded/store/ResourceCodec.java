package org.flinkop.runtime.embedded.store;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.flinkop.domain.binding.Bound;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ObjectMeta;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.validation.Violation;
import org.flinkop.runtime.embedded.yaml.Yaml;

/**
 * A resource file: the whole resource as YAML, written through the domain's binding so that a user can read it,
 * and read back strictly: a file that does not give back a complete stored resource, under the name its path
 * says, is refused with the reason.
 */
final class ResourceCodec {

    private ResourceCodec() {
    }

    /** A resource read back, with what its status lost in reading (nothing, for files this store wrote). */
    record Decoded(FlinkResource resource, List<Violation> statusWarnings) {
    }

    static byte[] encode(FlinkResource resource) {
        return Yaml.write(ResourceBinding.encode(resource)).getBytes(StandardCharsets.UTF_8);
    }

    /** The resource in {@code content}, which must be the resource {@code expected} that {@code file}'s path names. */
    static Either<String, Decoded> decode(Path file, ResourceKey expected, byte[] content) {
        return singleDocument(file, content).flatMap(tree -> {
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

    /** The one YAML document of a store file, or why there is not exactly one. */
    static Either<String, Object> singleDocument(Path file, byte[] content) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            return Either.left("it is not UTF-8 text");
        }
        return Yaml.read(file, text)
                .mapLeft(error -> "it is not YAML: line " + error.line() + ", column " + error.column() + ": " + error.message())
                .flatMap(documents -> documents.size() == 1
                        ? Either.right(documents.get(0).tree())
                        : Either.left("it holds " + documents.size() + " YAML documents, a store file holds exactly one"));
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
