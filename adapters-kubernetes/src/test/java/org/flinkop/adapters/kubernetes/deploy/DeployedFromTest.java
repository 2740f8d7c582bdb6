package org.flinkop.adapters.kubernetes.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.flinkop.domain.resource.StateLocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DeployedFromTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"basic.yaml", "basic-session-deployment.yaml", "standalone.yaml", "pod-template.yaml", "ingress.yaml", "log-configuration.yaml"})
    void the_job_manager_deployment_records_the_request_it_was_made_from(String example) {
        ClusterRequest request = Fixtures.restoring(Fixtures.request(example), StateLocation.savepoint("s3://bucket/savepoints/savepoint-1"));
        Deployment jobManager = Fixtures.generate(request).jobManager();

        DeployedFrom record = DeployedFrom.on(jobManager).get();

        assertThat(record).isEqualTo(DeployedFrom.of(request));
        assertThat(record.request(jobManager).get()).isEqualTo(request);
        assertThat(Fixtures.generate(record.request(jobManager).get()).objects()).as("the same objects again").isEqualTo(Fixtures.generate(request).objects());
    }

    @Test
    void every_kind_of_restore_and_a_rescale_survive_the_record() {
        for (StateLocation restore : new StateLocation[] {StateLocation.none(), StateLocation.checkpoint("file:///checkpoints/chk-3"), StateLocation.haMetadata()}) {
            ClusterRequest request = Fixtures.restoring(Fixtures.request("basic-checkpoint-ha.yaml"), restore);
            DeployedFrom rescaled = DeployedFrom.of(request).rescaledTo(7);
            Deployment jobManager = new DeploymentBuilder(Fixtures.generate(request).jobManager()).editMetadata()
                    .addToAnnotations(DeployedFrom.ANNOTATION, rescaled.encode()).endMetadata().build();

            assertThat(DeployedFrom.on(jobManager).get()).isEqualTo(rescaled);
        }
    }

    @Test
    void a_record_that_cannot_be_read_is_no_record() {
        Deployment jobManager = Fixtures.generate(Fixtures.request("basic.yaml")).jobManager();
        for (String unreadable : new String[] {"{", "[]", "{\"spec\":{\"image\":3},\"restoreFrom\":{\"kind\":\"NONE\"}}", "{\"spec\":{}}",
                "{\"spec\":{},\"restoreFrom\":{\"kind\":\"SOMETHING\"}}"}) {
            jobManager.getMetadata().getAnnotations().put(DeployedFrom.ANNOTATION, unreadable);
            assertThat(DeployedFrom.on(jobManager)).as(unreadable).isEmpty();
        }
        jobManager.getMetadata().getAnnotations().remove(DeployedFrom.ANNOTATION);
        assertThat(DeployedFrom.on(jobManager)).isEmpty();
    }
}
