package org.flinkop.adapters.flink.rest;

import io.vavr.collection.List;
import io.vavr.control.Either;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.runtime.rest.FileUpload;
import org.apache.flink.runtime.rest.messages.EmptyMessageParameters;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.util.RestConstants;
import org.apache.flink.runtime.webmonitor.handlers.JarRunHeaders;
import org.apache.flink.runtime.webmonitor.handlers.JarRunMessageParameters;
import org.apache.flink.runtime.webmonitor.handlers.JarRunRequestBody;
import org.apache.flink.runtime.webmonitor.handlers.JarUploadHeaders;
import org.flinkop.ports.Done;
import org.flinkop.ports.artifact.Artifact;

/**
 * Submitting jobs: a jar is uploaded once per cluster and SHA-256, then run under the caller's job id. A job of
 * that id already there is success, and a jar the cluster has lost since (a restarted JobManager) is uploaded again.
 */
final class JarRequests {

    /** Flink 1.x names a job submitted twice so; Flink 2.x (applications) the second. */
    private static final List<String> DUPLICATE_JOB = List.of("DuplicateJobSubmissionException", "DuplicateApplicationSubmissionException");
    private static final String MISSING_JAR = "does not exist";

    private final RestCalls rest;
    private final Map<String, String> uploadedJars = new ConcurrentHashMap<>();

    JarRequests(RestCalls rest) {
        this.rest = rest;
    }

    Either<RestFailure, Done> run(URI cluster, Deadline deadline, Artifact jar, JarRunRequestBody body) {
        return run(cluster, deadline, jar, body, true);
    }

    private Either<RestFailure, Done> run(URI cluster, Deadline deadline, Artifact jar, JarRunRequestBody body, boolean uploadAgainIfGone) {
        String key = cluster + "#" + jar.sha256();
        return Answers.recover(jarId(cluster, deadline, key, jar)
                .flatMap(jarId -> {
                    JarRunMessageParameters parameters = new JarRunMessageParameters();
                    parameters.jarIdPathParameter.resolve(jarId);
                    return Answers.done(rest.call(cluster, deadline, JarRunHeaders.getInstance(), parameters, body));
                }), failure -> {
                    if (DUPLICATE_JOB.exists(failure.failure().message()::contains)) {
                        return Either.right(Done.DONE);
                    }
                    if (uploadAgainIfGone && failure.failure().message().contains(MISSING_JAR)) {
                        uploadedJars.remove(key);
                        return run(cluster, deadline, jar, body, false);
                    }
                    return Either.left(failure);
                });
    }

    private Either<RestFailure, String> jarId(URI cluster, Deadline deadline, String key, Artifact jar) {
        String known = uploadedJars.get(key);
        if (known != null) {
            return Either.right(known);
        }
        Path file = Path.of(jar.localPath());
        if (!Files.isRegularFile(file)) {
            return Either.left(RestFailure.rejected("no jar at " + file));
        }
        return rest.call(cluster, deadline, JarUploadHeaders.getInstance(), EmptyMessageParameters.getInstance(), EmptyRequestBody.getInstance(),
                        java.util.List.of(new FileUpload(file, RestConstants.CONTENT_TYPE_JAR)))
                .map(uploaded -> Path.of(uploaded.getFilename()).getFileName().toString())
                .peek(jarId -> uploadedJars.put(key, jarId));
    }
}
