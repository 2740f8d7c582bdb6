package org.flinkop.runtime.embedded.yaml;

import io.vavr.collection.List;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.flinkop.domain.admission.Admission;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.validation.ValidationContext;
import org.flinkop.domain.validation.Violation;

/** Reads resources from YAML files, as the command line and the embedding API take them. */
public final class ResourceFiles {

    private ResourceFiles() {
    }

    /**
     * One document of a file and whether it was admitted.
     *
     * @param result the resource, or every violation found in it
     */
    public record Read(YamlDocument document, Either<List<Violation>, FlinkResource> result) {
    }

    /** {@code path} itself when it is a file; the {@code .yaml} and {@code .yml} files in it, by name, when it is a folder. */
    public static java.util.List<Path> files(Path path) {
        if (!Files.isDirectory(path)) {
            return java.util.List.of(path);
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.filter(p -> Files.isRegularFile(p) && (p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
    }

    /** Every document of {@code file}, each admitted or refused, or the file's syntax error. */
    public static Either<YamlSyntaxError, java.util.List<Read>> read(Path file, ValidationContext context) {
        return Yaml.read(file).map(documents -> documents.stream()
                .map(document -> new Read(document, Admission.admit(document.tree(), context)))
                .toList());
    }
}
