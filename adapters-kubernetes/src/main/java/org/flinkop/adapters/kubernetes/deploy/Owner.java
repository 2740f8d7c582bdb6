package org.flinkop.adapters.kubernetes.deploy;

import java.util.Objects;

/**
 * The FlinkDeployment a cluster belongs to, as its objects' owner reference names it: deleting the resource lets
 * Kubernetes' garbage collector remove whatever the operator did not.
 */
record Owner(String apiVersion, String kind, String name, String uid) {

    Owner {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uid, "uid");
    }
}
