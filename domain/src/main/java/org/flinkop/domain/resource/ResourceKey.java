package org.flinkop.domain.resource;

import java.util.Objects;

/** Names one resource: its kind, namespace ({@code null} where there are none) and name. */
public record ResourceKey(ResourceKind kind, String namespace, String name) {

    public ResourceKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static ResourceKey of(FlinkResource resource) {
        return new ResourceKey(resource.kind(), resource.metadata().namespace(), resource.metadata().name());
    }

    @Override
    public String toString() {
        return kind.spelling() + " " + (namespace == null ? name : namespace + "/" + name);
    }
}
