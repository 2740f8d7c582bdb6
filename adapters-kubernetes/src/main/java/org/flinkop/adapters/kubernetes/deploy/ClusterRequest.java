package org.flinkop.adapters.kubernetes.deploy;

import java.util.Objects;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.KubernetesDeploymentMode;
import org.flinkop.domain.resource.StateLocation;

/**
 * Everything the cluster's objects are generated from.
 *
 * @param namespace   where the cluster runs
 * @param name        the FlinkDeployment's name, which is Flink's cluster id
 * @param owner       the FlinkDeployment the objects belong to
 * @param spec        the desired spec
 * @param restoreFrom where an application's job restores from
 * @param jobId       the fixed id of an application's job (null for a session cluster)
 */
record ClusterRequest(String namespace, String name, Owner owner, FlinkDeploymentSpec spec, StateLocation restoreFrom, String jobId) {

    ClusterRequest {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(restoreFrom, "restoreFrom");
    }

    KubernetesDeploymentMode mode() {
        return spec.effectiveMode();
    }

    boolean standalone() {
        return mode() == KubernetesDeploymentMode.STANDALONE;
    }

    boolean application() {
        return spec.hasJob();
    }
}
