package org.flinkop.domain.resource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes metadata the operator reads and keeps. Absent values are {@code null}; collections are never
 * {@code null} and are immutable.
 */
public record ObjectMeta(
        String name,
        String namespace,
        String uid,
        String resourceVersion,
        Long generation,
        Instant creationTimestamp,
        Instant deletionTimestamp,
        Map<String, String> labels,
        Map<String, String> annotations,
        List<String> finalizers) {

    public ObjectMeta {
        labels = Collections2.map(labels);
        annotations = Collections2.map(annotations);
        finalizers = Collections2.list(finalizers);
    }

    public static ObjectMeta named(String namespace, String name) {
        return new ObjectMeta(name, namespace, null, null, null, null, null, null, null, null);
    }
}
