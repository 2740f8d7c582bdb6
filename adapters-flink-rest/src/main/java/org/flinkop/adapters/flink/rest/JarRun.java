package org.flinkop.adapters.flink.rest;

import io.vavr.control.Either;
import org.apache.flink.runtime.rest.util.RestMapperUtils;
import org.apache.flink.runtime.webmonitor.handlers.JarRunRequestBody;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.ports.flink.SubmitRequest;

/**
 * The body of {@code POST /jars/:jarid/run} for a submission, written as the REST API's JSON rather than through
 * {@link JarRunRequestBody}'s constructor, whose parameters change between Flink versions.
 */
final class JarRun {

    private static final ObjectMapper JSON = RestMapperUtils.getFlexibleObjectMapper();

    private JarRun() {
    }

    /** The JSON, or why the submission cannot be run (a restore a run request cannot express). */
    static Either<String, ObjectNode> json(SubmitRequest request) {
        ObjectNode body = JSON.createObjectNode();
        if (request.entryClass() != null) {
            body.put("entryClass", request.entryClass());
        }
        request.args().forEach(body.putArray("programArgsList")::add);
        if (request.parallelism() != null) {
            body.put("parallelism", request.parallelism());
        }
        body.put("jobId", request.jobId());
        body.put("allowNonRestoredState", request.allowNonRestoredState());
        return restore(request.restoreFrom()).map(path -> path.isEmpty() ? body : body.put("savepointPath", path));
    }

    static Either<String, JarRunRequestBody> body(SubmitRequest request) {
        return json(request).flatMap(JarRun::read);
    }

    private static Either<String, String> restore(StateLocation from) {
        return switch (from.kind()) {
            case NONE -> Either.right("");
            case SAVEPOINT, CHECKPOINT -> from.path() == null || from.path().isBlank()
                    ? Either.left("restore from " + from.kind() + " without a path")
                    : Either.right(from.path());
            case HA_METADATA, PENDING_SAVEPOINT -> Either.left("a session job cannot be submitted to restore from " + from.kind());
        };
    }

    private static Either<String, JarRunRequestBody> read(ObjectNode json) {
        try {
            return Either.right(JSON.treeToValue(json, JarRunRequestBody.class));
        } catch (JsonProcessingException e) {
            return Either.left("cannot build the jar run request: " + e.getOriginalMessage());
        }
    }
}
