package org.flinkop.runtime.embedded.yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import io.vavr.control.Option;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.admission.ResourceLookup;

/** Finds resource files, and lets a set of them be checked as one, as the command line and the embedding API take them. */
public final class ResourceFiles {

    private ResourceFiles() {
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

    /**
     * A lookup over the resources of {@code documents} themselves, so that a set of files is checked as one:
     * a session job against the session cluster defined beside it.
     */
    public static ResourceLookup lookupOver(java.util.List<YamlDocument> documents) {
        java.util.Map<String, FlinkResource> byKey = new java.util.HashMap<>();
        for (YamlDocument document : documents) {
            ResourceBinding.decode(document.tree()).resource()
                    .filter(r -> r.metadata().name() != null)
                    .forEach(r -> byKey.putIfAbsent(key(r.kind(), r.metadata().namespace(), r.metadata().name()), r));
        }
        return (kind, namespace, name) -> Option.of(byKey.get(key(kind, namespace, name)));
    }

    private static String key(ResourceKind kind, String namespace, String name) {
        return kind.spelling() + "/" + namespace + "/" + name;
    }
}
