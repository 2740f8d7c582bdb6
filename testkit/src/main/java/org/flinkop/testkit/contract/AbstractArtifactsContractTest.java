package org.flinkop.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.artifact.Artifact;
import org.flinkop.ports.artifact.Artifacts;
import org.junit.jupiter.api.Test;

/** What every {@link Artifacts} must do. Extend it with the fetcher and addresses it serves. */
public abstract class AbstractArtifactsContractTest {

    /** A fetcher that does not allow plain http. */
    protected abstract Artifacts artifacts();

    /** Two addresses serving the same bytes. */
    protected abstract URI jar();

    protected abstract URI sameJarElsewhere();

    /** An address of the same scheme with nothing there. */
    protected abstract URI missing();

    /** An address serving more than the fetcher's size limit. */
    protected abstract URI tooLarge();

    @Test
    void the_same_content_is_the_same_artifact() {
        Artifact first = artifacts().fetch(jar()).get();
        Artifact second = artifacts().fetch(sameJarElsewhere()).get();

        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(first.size()).isPositive();
    }

    @Test
    void a_missing_jar_is_not_found() {
        assertThat(artifacts().fetch(missing()).getLeft().reason()).isEqualTo(PortFailure.Reason.NOT_FOUND);
    }

    @Test
    void plain_http_and_unknown_schemes_are_refused_naming_the_rule() {
        PortFailure http = artifacts().fetch(URI.create("http://repo.example.org/job.jar")).getLeft();
        PortFailure s3 = artifacts().fetch(URI.create("s3://bucket/job.jar")).getLeft();

        assertThat(http.reason()).isEqualTo(PortFailure.Reason.FORBIDDEN);
        assertThat(http.message()).contains("http");
        assertThat(s3.reason()).isEqualTo(PortFailure.Reason.FORBIDDEN);
        assertThat(s3.message()).contains("s3");
    }

    @Test
    void a_jar_over_the_size_limit_is_refused() {
        PortFailure failure = artifacts().fetch(tooLarge()).getLeft();

        assertThat(failure.reason()).isEqualTo(PortFailure.Reason.FORBIDDEN);
        assertThat(failure.message()).contains("limit");
    }
}
