package org.flinkop.adapters.kubernetes.store;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.vavr.control.Option;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;

/**
 * Custom resources as the API server holds them, to and from the domain's resources, through the domain's own
 * document-tree binding: the same reading (unknown fields reported, statuses of the Apache operator read with
 * warnings) as for a YAML file. Writing builds only the part of the object a request may change.
 */
final class ResourceMapping {

    private final KubernetesSerialization serialization;

    ResourceMapping(KubernetesSerialization serialization) {
        this.serialization = serialization;
    }

    /**
     * The domain resource in a custom resource, as far as it can be read; none when it is not one of the three
     * kinds. Problems with the spec are left for validation to report, as for any other source of resources.
     */
    Option<FlinkResource> toDomain(GenericKubernetesResource resource) {
        return ResourceBinding.decode(tree(resource)).resource();
    }

    /**
     * The object as a document tree, without its {@code managedFields}: the API server's bookkeeping, which nothing
     * here reads, and which an update that leaves it out keeps as it is. Built from the object's own maps without a
     * serialization round trip (an informer event and a write's answer each come through here); the nested maps and
     * lists are the object's own, so the tree is only read, and what is written goes through {@link #fromTree}, a copy.
     */
    Map<String, Object> tree(GenericKubernetesResource resource) {
        Map<String, Object> tree = new LinkedHashMap<>();
        putIfSet(tree, "apiVersion", resource.getApiVersion());
        putIfSet(tree, "kind", resource.getKind());
        if (resource.getMetadata() != null) {
            tree.put("metadata", metadata(resource.getMetadata()));
        }
        tree.putAll(resource.getAdditionalProperties());
        return tree;
    }

    private Map<String, Object> metadata(ObjectMeta meta) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        putIfSet(metadata, "name", meta.getName());
        putIfSet(metadata, "generateName", meta.getGenerateName());
        putIfSet(metadata, "namespace", meta.getNamespace());
        putIfSet(metadata, "selfLink", meta.getSelfLink());
        putIfSet(metadata, "uid", meta.getUid());
        putIfSet(metadata, "resourceVersion", meta.getResourceVersion());
        putIfSet(metadata, "generation", meta.getGeneration());
        putIfSet(metadata, "creationTimestamp", meta.getCreationTimestamp());
        putIfSet(metadata, "deletionTimestamp", meta.getDeletionTimestamp());
        putIfSet(metadata, "deletionGracePeriodSeconds", meta.getDeletionGracePeriodSeconds());
        putIfSet(metadata, "labels", meta.getLabels());
        putIfSet(metadata, "annotations", meta.getAnnotations());
        putIfSet(metadata, "finalizers", meta.getFinalizers());
        if (meta.getOwnerReferences() != null && !meta.getOwnerReferences().isEmpty()) {
            metadata.put("ownerReferences", serialization.convertValue(meta.getOwnerReferences(), List.class));
        }
        metadata.putAll(meta.getAdditionalProperties());
        return metadata;
    }

    /** Puts {@code value} unless it is null, or an empty map or list (which the API server leaves out as well). */
    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null && !(value instanceof Map<?, ?> m && m.isEmpty()) && !(value instanceof List<?> l && l.isEmpty())) {
            map.put(key, value);
        }
    }

    /** What a create sends: kind, name, namespace, labels, annotations and spec; never a status. */
    GenericKubernetesResource forCreate(FlinkResource resource) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", resource.metadata().name());
        metadata.put("namespace", resource.metadata().namespace());
        putIfSet(metadata, "labels", resource.metadata().labels());
        putIfSet(metadata, "annotations", resource.metadata().annotations());
        putIfSet(metadata, "finalizers", resource.metadata().finalizers());
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("apiVersion", FlinkResource.API_VERSION);
        tree.put("kind", resource.kind().spelling());
        tree.put("metadata", metadata);
        tree.put("spec", spec(resource));
        return fromTree(tree);
    }

    /**
     * The stored object with the spec, labels and annotations of {@code desired}; everything else (finalizers,
     * owner references, fields this operator does not know) as stored, and the stored resourceVersion as the lock.
     */
    GenericKubernetesResource forUpdate(GenericKubernetesResource stored, FlinkResource desired) {
        Map<String, Object> tree = tree(stored);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) tree.get("metadata"));
        replaceOrRemove(metadata, "labels", desired.metadata().labels());
        replaceOrRemove(metadata, "annotations", desired.metadata().annotations());
        tree.put("metadata", metadata);
        tree.put("spec", spec(desired));
        return fromTree(tree);
    }

    /** The stored object with other finalizers, for an update locked on its resourceVersion. */
    GenericKubernetesResource withFinalizers(GenericKubernetesResource stored, List<String> finalizers) {
        Map<String, Object> tree = tree(stored);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) tree.get("metadata"));
        replaceOrRemove(metadata, "finalizers", finalizers);
        tree.put("metadata", metadata);
        return fromTree(tree);
    }

    /**
     * What a status write sends: the status of {@code resource}, locked on its resourceVersion. The API server takes
     * only the status from a write to the status subresource, so the spec is left out.
     */
    GenericKubernetesResource forStatus(FlinkResource resource) {
        Map<String, Object> encoded = ResourceBinding.encode(resource);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", resource.metadata().name());
        metadata.put("namespace", resource.metadata().namespace());
        metadata.put("resourceVersion", resource.metadata().resourceVersion());
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("apiVersion", FlinkResource.API_VERSION);
        tree.put("kind", resource.kind().spelling());
        tree.put("metadata", metadata);
        if (encoded.containsKey("status")) {
            tree.put("status", encoded.get("status"));
        }
        return fromTree(tree);
    }

    static ResourceKey key(ResourceKind kind, GenericKubernetesResource resource) {
        return new ResourceKey(kind, resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    }

    private GenericKubernetesResource fromTree(Map<String, Object> tree) {
        return serialization.convertValue(tree, GenericKubernetesResource.class);
    }

    private static Object spec(FlinkResource resource) {
        return ResourceBinding.encode(resource).get("spec");
    }

    private static void replaceOrRemove(Map<String, Object> metadata, String key, Object value) {
        metadata.remove(key);
        putIfSet(metadata, key, value);
    }
}
