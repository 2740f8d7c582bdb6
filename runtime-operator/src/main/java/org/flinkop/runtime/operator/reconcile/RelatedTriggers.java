package org.flinkop.runtime.operator.reconcile;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.FlinkStateSnapshot;
import org.flinkop.domain.resource.JobKind;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.store.ResourceStore;

/**
 * Passes a change of one resource on to the resource whose decisions depend on it: a session job's change (its
 * deletion above all) to its session cluster, which waits for its jobs before it goes; a snapshot's change to the
 * job it snapshots, whose upgrade or retention may wait for it. Without this, the dependent resource would only
 * see the change at its next periodic pass. Remembers each dependent's owner, since a deleted resource can no
 * longer be read. Never blocks: it reads the store's cache and asks for a pass.
 */
public final class RelatedTriggers implements ResourceStore.ChangeListener {

    private final ResourceStore store;
    private final Consumer<ResourceKey> trigger;
    private final Map<ResourceKey, ResourceKey> owners = new ConcurrentHashMap<>();

    public RelatedTriggers(ResourceStore store, Consumer<ResourceKey> trigger) {
        this.store = store;
        this.trigger = trigger;
    }

    @Override
    public void changed(ResourceKey key) {
        if (key.kind() == ResourceKind.FLINK_DEPLOYMENT) {
            return;
        }
        var current = store.get(key);
        ResourceKey owner = current.isDefined() ? ownerOf(current.get()) : owners.remove(key);
        if (current.isDefined()) {
            if (owner == null) {
                owners.remove(key);
            } else {
                owners.put(key, owner);
            }
        }
        if (owner != null) {
            trigger.accept(owner);
        }
    }

    static ResourceKey ownerOf(FlinkResource resource) {
        String namespace = resource.metadata().namespace();
        if (resource instanceof FlinkSessionJob job && job.spec() != null && job.spec().deploymentName() != null) {
            return new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, namespace, job.spec().deploymentName());
        }
        if (resource instanceof FlinkStateSnapshot snapshot && snapshot.spec() != null && snapshot.spec().jobReference() != null
                && snapshot.spec().jobReference().name() != null && snapshot.spec().jobReference().kind() != null) {
            ResourceKind kind = snapshot.spec().jobReference().kind() == JobKind.FLINK_SESSION_JOB ? ResourceKind.FLINK_SESSION_JOB
                    : ResourceKind.FLINK_DEPLOYMENT;
            return new ResourceKey(kind, namespace, snapshot.spec().jobReference().name());
        }
        return null;
    }
}
