package org.flinkop.testkit.artifact;

import java.net.URI;
import org.flinkop.ports.artifact.Artifacts;
import org.flinkop.testkit.contract.AbstractArtifactsContractTest;

class FakeArtifactsContractTest extends AbstractArtifactsContractTest {

    private final FakeArtifacts artifacts = new FakeArtifacts(false, 16)
            .serve("https://repo.example.org/job-1.0.jar", "PK jar bytes")
            .serve("file:///jobs/job-1.0.jar", "PK jar bytes")
            .serve("https://repo.example.org/huge.jar", "PK far more than sixteen bytes");

    @Override
    protected Artifacts artifacts() {
        return artifacts;
    }

    @Override
    protected URI jar() {
        return URI.create("https://repo.example.org/job-1.0.jar");
    }

    @Override
    protected URI sameJarElsewhere() {
        return URI.create("file:///jobs/job-1.0.jar");
    }

    @Override
    protected URI missing() {
        return URI.create("https://repo.example.org/nothing.jar");
    }

    @Override
    protected URI tooLarge() {
        return URI.create("https://repo.example.org/huge.jar");
    }
}
