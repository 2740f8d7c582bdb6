package org.flinkop.testkit.flink;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.ports.artifact.Artifact;
import org.flinkop.ports.cluster.ClusterOwner;
import org.flinkop.ports.flink.FlinkJobClient;
import org.flinkop.ports.flink.SubmitRequest;
import org.flinkop.testkit.contract.AbstractFlinkJobClientContractTest;
import org.junit.jupiter.api.BeforeEach;

class FakeFlinkJobClientContractTest extends AbstractFlinkJobClientContractTest {

    private final FakeFlinkFixture fixture = new FakeFlinkFixture();
    private URI endpoint;

    @BeforeEach
    void sessionCluster() {
        ResourceKey key = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "contract", "session");
        fixture.flink.deploy(key, ClusterOwner.UNKNOWN, FakeFlinkFixture.spec(false, Map.of()), StateLocation.none(), null);
        fixture.awaitUntil(() -> fixture.flink.observe(key).get().jobManager() == JobManagerDeploymentStatus.READY);
        endpoint = fixture.flink.observe(key).get().restEndpoint().get();
    }

    @Override
    protected FlinkJobClient client() {
        return fixture.flink;
    }

    @Override
    protected URI cluster() {
        return endpoint;
    }

    @Override
    protected SubmitRequest job(String jobId) {
        return new SubmitRequest(jobId, new Artifact("/jobs/job.jar", "00", 1), null, List.of(), 1, StateLocation.none(), false);
    }

    @Override
    protected void awaitUntil(BooleanSupplier condition) {
        fixture.awaitUntil(condition);
    }
}
