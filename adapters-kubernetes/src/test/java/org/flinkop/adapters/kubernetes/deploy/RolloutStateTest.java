package org.flinkop.adapters.kubernetes.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import org.junit.jupiter.api.Test;

class RolloutStateTest {

    private static DeploymentBuilder rollingOut() {
        return new DeploymentBuilder().withNewMetadata().withName("orders").withGeneration(2L).endMetadata()
                .withNewSpec().withReplicas(1).endSpec()
                .withNewStatus().withObservedGeneration(2L).withReplicas(1).withUpdatedReplicas(1).withUnavailableReplicas(1).endStatus();
    }

    private static DeploymentBuilder ready() {
        return rollingOut().editStatus().withReadyReplicas(1).withUnavailableReplicas(0).endStatus();
    }

    @Test
    void status_rewrites_that_do_not_change_readiness_are_the_same_state() {
        Deployment before = rollingOut().build();
        Deployment after = rollingOut().editStatus().withConditions(new DeploymentConditionBuilder().withType("Available").withStatus("False")
                .withReason("MinimumReplicasUnavailable").build()).withUnavailableReplicas(1).endStatus().build();
        assertThat(RolloutState.of(after)).isEqualTo(RolloutState.of(before));
        Deployment justCreated = new DeploymentBuilder().withNewMetadata().withName("orders").withGeneration(1L).endMetadata()
                .withNewSpec().withReplicas(1).endSpec().build();
        Deployment firstSeen = new DeploymentBuilder(justCreated).withNewStatus().withObservedGeneration(1L).withReplicas(1).withUpdatedReplicas(1)
                .withUnavailableReplicas(1).endStatus().build();
        assertThat(RolloutState.of(firstSeen)).as("the controller's first look at a new Deployment").isEqualTo(RolloutState.of(justCreated));
        assertThat(RolloutState.of(rollingOut().editMetadata().withGeneration(3L).endMetadata().build()))
                .as("a change the controller has not seen yet, while no pod is ready").isEqualTo(RolloutState.of(rollingOut().build()));
    }

    @Test
    void a_ready_pod_a_failed_rollout_a_scale_an_unobserved_change_to_a_ready_one_or_a_deletion_is_another_state() {
        RolloutState rolling = RolloutState.of(rollingOut().build());
        assertThat(RolloutState.of(ready().build())).isNotEqualTo(rolling);
        assertThat(RolloutState.of(rollingOut().editStatus().withConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
                .withReason("ProgressDeadlineExceeded").build()).endStatus().build())).isNotEqualTo(rolling);
        assertThat(RolloutState.of(rollingOut().editSpec().withReplicas(3).endSpec().build())).isNotEqualTo(rolling);
        assertThat(RolloutState.of(ready().editMetadata().withGeneration(3L).endMetadata().build())).isNotEqualTo(RolloutState.of(ready().build()));
        assertThat(RolloutState.of(ready().editStatus().withUpdatedReplicas(0).endStatus().build()))
                .as("an old pod still the only ready one").isNotEqualTo(RolloutState.of(ready().build()));
        assertThat(RolloutState.of(rollingOut().editMetadata().withDeletionTimestamp("2026-11-24T10:00:00Z").endMetadata().build())).isNotEqualTo(rolling);
    }
}
