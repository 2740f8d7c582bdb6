package org.flinkop.testkit.flink;

import java.util.Map;
import java.util.function.BooleanSupplier;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.flinkop.testkit.contract.AbstractClusterDeployerContractTest;

class FakeClusterDeployerContractTest extends AbstractClusterDeployerContractTest {

    private final FakeFlinkFixture fixture = new FakeFlinkFixture();

    @Override
    protected ClusterDeployer deployer() {
        return fixture.flink;
    }

    @Override
    protected FlinkDeploymentSpec applicationSpec() {
        return FakeFlinkFixture.spec(true, Map.of("execution.checkpointing.interval", "10s"));
    }

    @Override
    protected void awaitUntil(BooleanSupplier condition) {
        fixture.awaitUntil(condition);
    }
}
