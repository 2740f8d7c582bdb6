package org.flinkop.archfixture.runtime.operator.plan;

import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.flinkop.ports.cluster.ClusterOwner;

/** Violation: a plan that deploys the cluster it forecasts. */
public final class DeployingPlan {
    public void plan(ClusterDeployer deployer, ResourceKey key, FlinkDeploymentSpec spec, StateLocation restoreFrom) {
        deployer.deploy(key, ClusterOwner.UNKNOWN, spec, restoreFrom, "job");
    }
}
