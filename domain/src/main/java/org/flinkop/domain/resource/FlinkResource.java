package org.flinkop.domain.resource;

/**
 * One custom resource of {@code flink.apache.org/v1beta1}: metadata, the user's spec, and the operator's status
 * ({@code null} until the operator first writes one).
 */
public sealed interface FlinkResource permits FlinkDeployment, FlinkSessionJob, FlinkStateSnapshot {

    String API_VERSION = "flink.apache.org/v1beta1";

    ObjectMeta metadata();

    ResourceKind kind();

    Object spec();

    Object status();

    /** {@code namespace/name}, or just the name when no namespace is set. */
    default String key() {
        String namespace = metadata().namespace();
        return namespace == null ? metadata().name() : namespace + "/" + metadata().name();
    }
}
