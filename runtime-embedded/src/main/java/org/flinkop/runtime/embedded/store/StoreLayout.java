package org.flinkop.runtime.embedded.store;

import io.vavr.control.Option;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.resource.Spelled;

/**
 * Where each thing lives under the store's root:
 *
 * <pre>
 * ROOT/store.lock                                 held by the process that has the store open
 * ROOT/resource-version                           the highest resourceVersion a removed resource used
 * ROOT/resources/KIND/NAMESPACE/NAME.json         one resource, whole (metadata, spec, status)
 * ROOT/events/KIND/NAMESPACE/NAME.json            the recent events of that resource
 * </pre>
 *
 * A resource without a namespace lives in the folder {@code _}, which no namespace can be called. Temporary files
 * start with a dot, which no name can, so they never shadow a resource.
 */
final class StoreLayout {

    static final String SUFFIX = ".json";
    static final String TEMPORARY_SUFFIX = ".tmp";
    static final String NO_NAMESPACE = "_";

    // Kubernetes' own rules for object names and namespaces; they also keep every name a plain file name.
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private final Path root;

    StoreLayout(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path lockFile() {
        return root.resolve("store.lock");
    }

    Path versionFile() {
        return root.resolve("resource-version");
    }

    Path resources() {
        return root.resolve("resources");
    }

    Path events() {
        return root.resolve("events");
    }

    Path resourceFile(ResourceKey key) {
        return fileUnder(resources(), key);
    }

    Path eventsFile(ResourceKey key) {
        return fileUnder(events(), key);
    }

    private static Path fileUnder(Path base, ResourceKey key) {
        String namespace = key.namespace() == null ? NO_NAMESPACE : key.namespace();
        return base.resolve(key.kind().spelling()).resolve(namespace).resolve(key.name() + SUFFIX);
    }

    /** The temporary file a new version of {@code file} is written to before it takes the file's place. */
    static Path temporaryFor(Path file) {
        return file.resolveSibling("." + file.getFileName() + TEMPORARY_SUFFIX);
    }

    static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(TEMPORARY_SUFFIX);
    }

    /**
     * The key a file under {@code base} ({@link #resources()} or {@link #events()}) stands for, read from its
     * path; none when the path is not one this layout makes.
     */
    static Option<ResourceKey> keyOf(Path base, Path file) {
        Path relative = base.relativize(file);
        if (relative.getNameCount() != 3) {
            return Option.none();
        }
        Option<ResourceKind> kind = Spelled.parse(ResourceKind.class, relative.getName(0).toString());
        String namespace = relative.getName(1).toString();
        String fileName = relative.getName(2).toString();
        if (kind.isEmpty() || !fileName.endsWith(SUFFIX)) {
            return Option.none();
        }
        String name = fileName.substring(0, fileName.length() - SUFFIX.length());
        ResourceKey key = new ResourceKey(kind.get(), namespace.equals(NO_NAMESPACE) ? null : namespace, name);
        return problemWith(key).isEmpty() ? Option.of(key) : Option.none();
    }

    /** Why {@code key} cannot be stored, naming the field and what is allowed; none when it can. */
    static Option<String> problemWith(ResourceKey key) {
        String name = key.name();
        if (name.length() > 253 || !NAME.matcher(name).matches()) {
            return Option.of("metadata.name: '" + name + "' cannot be stored (allowed: lower-case letters, digits, '-' and '.', "
                    + "starting and ending with a letter or digit, at most 253 characters)");
        }
        String namespace = key.namespace();
        if (namespace != null && (namespace.length() > 63 || !NAMESPACE.matcher(namespace).matches())) {
            return Option.of("metadata.namespace: '" + namespace + "' cannot be stored (allowed: lower-case letters, digits and '-', "
                    + "starting and ending with a letter or digit, at most 63 characters)");
        }
        return Option.none();
    }
}
