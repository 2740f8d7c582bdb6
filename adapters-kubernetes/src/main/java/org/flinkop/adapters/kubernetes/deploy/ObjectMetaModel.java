package org.flinkop.adapters.kubernetes.deploy;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.Map;

/** The metadata every generated object carries: its name and namespace, the cluster's labels, and the owner reference to the FlinkDeployment. */
final class ObjectMetaModel {

    private ObjectMetaModel() {
    }

    static ObjectMeta of(ClusterRequest request, String name, Map<String, String> labels) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(request.namespace())
                .withLabels(labels)
                .withOwnerReferences(ownerReference(request.owner()))
                .build();
    }

    /**
     * The FlinkDeployment as the controlling owner: Kubernetes' garbage collector removes the cluster when the
     * resource is gone, even if the operator never got to.
     */
    static OwnerReference ownerReference(Owner owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.apiVersion())
                .withKind(owner.kind())
                .withName(owner.name())
                .withUid(owner.uid())
                .withController(true)
                .withBlockOwnerDeletion(false)
                .build();
    }
}
