package org.flinkop.ports.admission;

import io.vavr.control.Option;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKind;

/**
 * Reads the stored resources admission compares a candidate with. Implemented by every resource store.
 *
 * <p>Contract: {@code find} is safe to call from any thread, does not block on the network for longer than the
 * store's own read timeout, and returns none for a resource that does not exist. It never throws for an absent
 * resource.
 */
@FunctionalInterface
public interface ResourceLookup {

    Option<FlinkResource> find(ResourceKind kind, String namespace, String name);

    /** No stored resources: every document is admitted as if seen for the first time. */
    static ResourceLookup none() {
        return (kind, namespace, name) -> Option.none();
    }
}
