package org.flinkop.runtime.embedded.local;

import io.vavr.control.Either;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.flinkop.domain.resource.JobSpec;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.artifact.Artifacts;

/**
 * Where an application's job jar is on this machine, and its entry class. {@code local://} and {@code file://}
 * name files here ({@code local://} means a file inside the Flink image on Kubernetes, so an image path such as
 * {@code /opt/flink/...} is usually not here); {@code https://} jars are fetched once through the artifacts port.
 * Without {@code entryClass} the jar's manifest names it.
 */
final class JobJars {

    /** The jar and the class to run. */
    record JobJar(Path jar, String entryClass) {
    }

    private final Artifacts artifacts;

    JobJars(Artifacts artifacts) {
        this.artifacts = artifacts;
    }

    Either<PortFailure, JobJar> resolve(JobSpec job) {
        String text = job.jarURI() == null ? "" : job.jarURI().trim();
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            return rejected("spec.job.jarURI: '" + text + "' is not a URI");
        }
        Either<PortFailure, Path> jar = switch (uri.getScheme() == null ? "" : uri.getScheme()) {
            case "local", "file" -> Files.isRegularFile(Path.of(uri.getPath()))
                    ? Either.right(Path.of(uri.getPath()))
                    : rejected("spec.job.jarURI: there is no file " + uri.getPath() + " on this machine"
                            + ("local".equals(uri.getScheme()) ? " (local:// names a file inside the Flink image; locally, use file:// or https://)" : ""));
            case "http", "https" -> artifacts.fetch(uri).map(artifact -> Path.of(artifact.localPath()));
            default -> rejected("spec.job.jarURI: local processes run jars from local://, file:// or https://, got '" + text + "'");
        };
        return jar.flatMap(path -> entryClass(job, path).map(entry -> new JobJar(path, entry)));
    }

    private static Either<PortFailure, String> entryClass(JobSpec job, Path jar) {
        if (job.entryClass() != null && !job.entryClass().isBlank()) {
            return Either.right(job.entryClass().trim());
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            String main = file.getManifest() == null ? null : file.getManifest().getMainAttributes().getValue("Main-Class");
            return main == null || main.isBlank()
                    ? rejected("spec.job.entryClass: the jar " + jar.getFileName() + " names no Main-Class in its manifest; set spec.job.entryClass")
                    : Either.right(main.trim());
        } catch (IOException e) {
            return rejected("spec.job.jarURI: " + jar + " is not a readable jar: " + e.getMessage());
        }
    }

    private static <T> Either<PortFailure, T> rejected(String message) {
        return Either.left(PortFailure.of(PortFailure.Reason.REJECTED, message));
    }
}
