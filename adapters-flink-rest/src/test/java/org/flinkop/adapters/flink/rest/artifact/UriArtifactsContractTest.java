package org.flinkop.adapters.flink.rest.artifact;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flinkop.ports.artifact.Artifacts;
import org.flinkop.testkit.contract.AbstractArtifactsContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The artifacts port's contract on the real fetcher: jars served over https by a JDK server on 127.0.0.1 with a
 * self-signed certificate (trusted through the configured trust store; loopback explicitly allowed; plain http not,
 * as the contract requires) and from file:// paths under target/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UriArtifactsContractTest extends AbstractArtifactsContractTest {

    private static final int LIMIT = 64 * 1024;

    private JarServer server;
    private Artifacts artifacts;
    private Path sameJarFile;

    @BeforeAll
    void start() throws Exception {
        Path work = TestJars.directory("contract");
        SelfSignedCertificate certificate = SelfSignedCertificate.create(work.resolve("tls"));
        byte[] jar = TestJars.jar("job-1.0", 20_000);
        sameJarFile = Files.write(Files.createDirectories(work.resolve("jobs")).resolve("job-1.0.jar"), jar);
        server = JarServer.https(certificate.serverContext())
                .serve("/repo/job-1.0.jar", jar, false)
                .serve("/repo/huge.jar", TestJars.jar("huge", LIMIT + 1), true);
        artifacts = new UriArtifacts(ArtifactSettings.defaults(work.resolve("cache")).withMaxBytes(LIMIT).allowing(AddressKind.LOOPBACK)
                .withTrustStore(certificate.trustStore()));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected Artifacts artifacts() {
        return artifacts;
    }

    @Override
    protected URI jar() {
        return server.uri("/repo/job-1.0.jar");
    }

    @Override
    protected URI sameJarElsewhere() {
        return sameJarFile.toUri();
    }

    @Override
    protected URI missing() {
        return server.uri("/elsewhere/nothing.jar");
    }

    @Override
    protected URI tooLarge() {
        return server.uri("/repo/huge.jar");
    }
}
