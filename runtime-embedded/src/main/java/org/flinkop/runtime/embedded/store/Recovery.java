package org.flinkop.runtime.embedded.store;

import io.vavr.collection.List;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.validation.Violation;
import org.flinkop.ports.store.RecordedEvent;
import org.flinkop.runtime.embedded.store.RecoveryReport.Finding;
import org.flinkop.runtime.embedded.store.RecoveryReport.Reason;

/**
 * Reads a store folder back on start. Every file is judged on its own: one that cannot be read is reported and
 * left where it is, and the others load. Temporary files of interrupted writes are removed, since the file they
 * were to replace still holds the version before.
 */
final class Recovery {

    /**
     * What was read.
     *
     * @param unreadable       the resources whose files cannot be read, with why
     * @param lastVersion      the largest resourceVersion in a resource file
     * @param persistedVersion the resourceVersion in the version file (0 when there is none)
     */
    record Recovered(Map<ResourceKey, FlinkResource> resources, Map<ResourceKey, String> unreadable,
            Map<ResourceKey, List<RecordedEvent>> events, long lastVersion, long persistedVersion, RecoveryReport report) {
    }

    private final StoreLayout layout;
    private final DurableFiles files;
    private final java.util.List<Finding> findings = new java.util.ArrayList<>();

    private Recovery(StoreLayout layout, DurableFiles files) {
        this.layout = layout;
        this.files = files;
    }

    /** Reads everything under the layout's root; fails only when a folder cannot be listed or a leftover removed. */
    static Recovered recover(StoreLayout layout, DurableFiles files) throws IOException {
        return new Recovery(layout, files).run();
    }

    private Recovered run() throws IOException {
        checkTopLevel();
        java.util.List<Path> resourceFiles = storeFiles(layout.resources());
        java.util.List<Path> eventFiles = storeFiles(layout.events());
        Map<ResourceKey, FlinkResource> resources = new HashMap<>();
        Map<ResourceKey, String> unreadable = new HashMap<>();
        long lastVersion = readResources(resourceFiles, resources, unreadable);
        Map<ResourceKey, List<RecordedEvent>> events = readEvents(eventFiles, resources, unreadable);
        long persistedVersion = readVersionFile();
        RecoveryReport report = new RecoveryReport(layout.root(), resources.size(), Math.max(lastVersion, persistedVersion),
                List.ofAll(findings).sortBy(f -> f.file().toString()));
        return new Recovered(resources, unreadable, events, lastVersion, persistedVersion, report);
    }

    /** The root holds the lock file, the version file and the two folders; a leftover of the version file goes. */
    private void checkTopLevel() throws IOException {
        java.util.List<Path> entries;
        try (Stream<Path> list = Files.list(layout.root())) {
            entries = list.sorted().toList();
        }
        for (Path entry : entries) {
            boolean folder = Files.isDirectory(entry);
            if (StoreLayout.isTemporary(entry) && !folder) {
                removeLeftover(entry);
            } else if (folder ? !entry.equals(layout.resources()) && !entry.equals(layout.events())
                    : !entry.equals(layout.lockFile()) && !entry.equals(layout.versionFile())) {
                findings.add(new Finding(Reason.UNEXPECTED_FILE, entry, folder ? "a folder" : ""));
            }
        }
    }

    /** Reads every resource file into {@code resources} or {@code unreadable}; the largest resourceVersion seen. */
    private long readResources(java.util.List<Path> resourceFiles, Map<ResourceKey, FlinkResource> resources, Map<ResourceKey, String> unreadable) {
        // decoding is most of the time spent opening a large store, and each file is independent
        java.util.List<Read> reads = resourceFiles.parallelStream().map(this::readResource).toList();
        long lastVersion = 0;
        for (Read read : reads) {
            if (read.outcome().isLeft()) {
                unreadable.put(read.key(), read.outcome().getLeft());
                findings.add(new Finding(Reason.UNREADABLE_RESOURCE, read.file(), read.outcome().getLeft()));
                continue;
            }
            ResourceCodec.Decoded decoded = read.outcome().get();
            resources.put(read.key(), decoded.resource());
            lastVersion = Math.max(lastVersion, ResourceVersions.parse(decoded.resource().metadata().resourceVersion()).get());
            if (!decoded.statusWarnings().isEmpty()) {
                findings.add(new Finding(Reason.STATUS_PARTLY_READ, read.file(), decoded.statusWarnings().map(Violation::describe).mkString("; ")));
            }
        }
        return lastVersion;
    }

    private record Read(Path file, ResourceKey key, Either<String, ResourceCodec.Decoded> outcome) {
    }

    private Read readResource(Path file) {
        ResourceKey key = StoreLayout.keyOf(layout.resources(), file).get();
        Either<String, ResourceCodec.Decoded> outcome = readBytes(file).flatMap(content -> ResourceCodec.decode(key, content));
        return new Read(file, key, outcome);
    }

    private Map<ResourceKey, List<RecordedEvent>> readEvents(java.util.List<Path> eventFiles, Map<ResourceKey, FlinkResource> resources,
            Map<ResourceKey, String> unreadable) throws IOException {
        Map<ResourceKey, List<RecordedEvent>> events = new HashMap<>();
        for (Path file : eventFiles) {
            ResourceKey key = StoreLayout.keyOf(layout.events(), file).get();
            if (!resources.containsKey(key) && !unreadable.containsKey(key)) {
                files.delete(file);
                findings.add(new Finding(Reason.ORPHANED_EVENTS, file, ""));
                continue;
            }
            Either<String, List<RecordedEvent>> read = readBytes(file).flatMap(content -> EventLog.decode(content));
            if (read.isLeft()) {
                findings.add(new Finding(Reason.UNREADABLE_EVENTS, file, read.getLeft()));
            } else {
                events.put(key, read.get());
            }
        }
        return events;
    }

    /** The version file's number; 0 when there is none, or when it cannot be read (reported). */
    private long readVersionFile() {
        Path file = layout.versionFile();
        if (!Files.exists(file)) {
            return 0;
        }
        Either<String, Long> version = readBytes(file)
                .map(content -> new String(content, StandardCharsets.US_ASCII).strip())
                .flatMap(text -> ResourceVersions.parse(text).toEither(() -> "'" + text + "' is not a positive whole number"));
        if (version.isLeft()) {
            findings.add(new Finding(Reason.UNREADABLE_VERSION_FILE, file, version.getLeft()));
            return 0;
        }
        return version.get();
    }

    private static Either<String, byte[]> readBytes(Path file) {
        try {
            return Either.right(Files.readAllBytes(file));
        } catch (IOException e) {
            return Either.left("it cannot be read: " + e);
        }
    }

    /**
     * The files under {@code base} that name a resource by their path. Leftover temporary files are removed on the
     * way, anything else is reported.
     */
    private java.util.List<Path> storeFiles(Path base) throws IOException {
        if (!Files.isDirectory(base)) {
            return java.util.List.of();
        }
        java.util.List<Path> named = new java.util.ArrayList<>();
        java.util.List<Path> all;
        try (Stream<Path> walk = Files.walk(base)) {
            all = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path file : all) {
            if (StoreLayout.isTemporary(file)) {
                removeLeftover(file);
            } else if (StoreLayout.keyOf(base, file).isDefined()) {
                named.add(file);
            } else {
                findings.add(new Finding(Reason.UNEXPECTED_FILE, file, ""));
            }
        }
        return named;
    }

    private void removeLeftover(Path file) throws IOException {
        files.delete(file);
        findings.add(new Finding(Reason.LEFTOVER_TEMPORARY_FILE, file, ""));
    }

}
