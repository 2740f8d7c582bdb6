package org.flinkop.adapters.kubernetes.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.vavr.control.Option;
import java.net.URI;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the status of a JobManager Deployment, as the API server reports it, says about the cluster. */
class ObservationModelTest {

    private static final ResourceKey KEY = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, Fixtures.NAMESPACE, "basic-example");

    private static Deployment jobManager(UnaryOperator<DeploymentStatusBuilder> status) {
        Deployment generated = Fixtures.generate(Fixtures.request("basic.yaml")).jobManager();
        return new DeploymentBuilder(generated).editMetadata().withGeneration(3L).endMetadata()
                .withStatus(status.apply(new DeploymentStatusBuilder()).build()).build();
    }

    private static Pod waiting(String reason) {
        return new PodBuilder().withNewMetadata().withName("basic-example-pod").endMetadata().withNewStatus().addNewContainerStatus().withName("flink-main-container").withNewState().withNewWaiting()
                .withReason(reason).endWaiting().endState().endContainerStatus().endStatus().build();
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of("just created, not yet seen by the controller", jobManager(s -> s), List.of(), JobManagerDeploymentStatus.DEPLOYING),
                Arguments.of("seen, pod not ready", jobManager(s -> s.withObservedGeneration(3L).withReplicas(1).withUpdatedReplicas(1)), List.of(),
                        JobManagerDeploymentStatus.DEPLOYING),
                Arguments.of("ready", jobManager(s -> s.withObservedGeneration(3L).withReplicas(1).withUpdatedReplicas(1).withReadyReplicas(1)
                        .withAvailableReplicas(1)), List.of(), JobManagerDeploymentStatus.READY),
                Arguments.of("ready but an older generation", jobManager(s -> s.withObservedGeneration(2L).withReplicas(1).withUpdatedReplicas(1)
                        .withReadyReplicas(1)), List.of(), JobManagerDeploymentStatus.DEPLOYING),
                Arguments.of("old pod ready while the new one starts", jobManager(s -> s.withObservedGeneration(3L).withReplicas(2).withUpdatedReplicas(1)
                        .withReadyReplicas(1)), List.of(), JobManagerDeploymentStatus.DEPLOYING),
                Arguments.of("rollout past its deadline", jobManager(s -> s.withObservedGeneration(3L).addNewCondition().withType("Progressing")
                        .withStatus("False").withReason("ProgressDeadlineExceeded").endCondition()), List.of(), JobManagerDeploymentStatus.ERROR),
                Arguments.of("pods cannot be created", jobManager(s -> s.withObservedGeneration(3L).addNewCondition().withType("ReplicaFailure")
                        .withStatus("True").withReason("FailedCreate").endCondition()), List.of(), JobManagerDeploymentStatus.ERROR),
                Arguments.of("crash looping", jobManager(s -> s.withObservedGeneration(3L).withReplicas(1).withUpdatedReplicas(1)),
                        List.of(waiting("CrashLoopBackOff")), JobManagerDeploymentStatus.ERROR),
                Arguments.of("image cannot be pulled", jobManager(s -> s.withObservedGeneration(3L).withReplicas(1)), List.of(waiting("ImagePullBackOff")),
                        JobManagerDeploymentStatus.ERROR),
                Arguments.of("container being created", jobManager(s -> s.withObservedGeneration(3L).withReplicas(1)), List.of(waiting("ContainerCreating")),
                        JobManagerDeploymentStatus.DEPLOYING),
                Arguments.of("being deleted", new DeploymentBuilder(jobManager(s -> s)).editMetadata().withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata()
                        .build(), List.of(), JobManagerDeploymentStatus.MISSING),
                Arguments.of("absent", null, List.of(), JobManagerDeploymentStatus.MISSING));
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("statuses")
    void the_deployment_status_maps_to_the_job_manager_status(String what, Deployment deployment, List<Pod> pods, JobManagerDeploymentStatus expected) {
        var observation = ObservationModel.of(KEY, deployment, pods, false, new ServiceDnsEndpoints());

        assertThat(observation.jobManager()).isEqualTo(expected);
        assertThat(observation.restEndpoint().isDefined()).isEqualTo(expected == JobManagerDeploymentStatus.READY);
        assertThat(observation.problem().isDefined()).as("a problem is told").isEqualTo(expected == JobManagerDeploymentStatus.ERROR);
    }

    @Test
    void why_a_job_manager_does_not_start_is_told_as_kubernetes_tells_it() {
        Deployment deadline = jobManager(s -> s.withObservedGeneration(3L).addNewCondition().withType("Progressing").withStatus("False")
                .withReason("ProgressDeadlineExceeded").withMessage("ReplicaSet \"basic-example-5d9\" has timed out progressing.").endCondition());
        Deployment starting = jobManager(s -> s.withObservedGeneration(3L).withReplicas(1).withUpdatedReplicas(1));
        Pod pulling = new PodBuilder(waiting("ImagePullBackOff")).editMetadata().withName("basic-example-5d9-x2v").endMetadata()
                .editStatus().editFirstContainerStatus().editState().editWaiting().withMessage("Back-off pulling image \"flink:1.99\"")
                .endWaiting().endState().endContainerStatus().endStatus().build();

        assertThat(ObservationModel.of(KEY, deadline, List.of(), false, new ServiceDnsEndpoints()).problem())
                .containsExactly("Deployment basic-example: ProgressDeadlineExceeded: ReplicaSet \"basic-example-5d9\" has timed out progressing.");
        assertThat(ObservationModel.of(KEY, starting, List.of(pulling), false, new ServiceDnsEndpoints()).problem())
                .containsExactly("pod basic-example-5d9-x2v, container flink-main-container: ImagePullBackOff: Back-off pulling image \"flink:1.99\"");
    }

    @Test
    void a_ready_job_manager_answers_at_its_rest_services_in_cluster_address_and_ha_metadata_is_reported() {
        Deployment ready = jobManager(s -> s.withObservedGeneration(3L).withReplicas(1).withUpdatedReplicas(1).withReadyReplicas(1));

        var observation = ObservationModel.of(KEY, ready, List.of(), true, new ServiceDnsEndpoints());

        assertThat(observation.restEndpoint().get()).isEqualTo(URI.create("http://basic-example-rest." + Fixtures.NAMESPACE + ":8081"));
        assertThat(observation.haMetadataPresent()).isTrue();
    }

    @Test
    void the_rest_endpoint_follows_a_configured_rest_port() {
        var request = Fixtures.withSpec(Fixtures.request("basic.yaml"), s -> Fixtures.configuration(s, "rest.port", "9091"));
        Deployment generated = Fixtures.generate(request).jobManager();

        ResourceKey inProd = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "prod", "basic-example");

        assertThat(ObservationModel.of(inProd, ready(generated), List.of(), false, new ServiceDnsEndpoints()).restEndpoint().get())
                .isEqualTo(URI.create("http://basic-example-rest.prod:9091"));
    }

    @Test
    void a_ready_job_manager_the_operator_has_no_address_for_is_still_deploying() {
        Deployment ready = jobManager(s -> s.withObservedGeneration(3L).withReplicas(1).withUpdatedReplicas(1).withReadyReplicas(1));

        var observation = ObservationModel.of(KEY, ready, List.of(), false, (cluster, port) -> Option.none());

        assertThat(observation.jobManager()).isEqualTo(JobManagerDeploymentStatus.DEPLOYING);
        assertThat(observation.restEndpoint()).isEmpty();
    }

    private static Deployment ready(Deployment generated) {
        return new DeploymentBuilder(generated).editMetadata().withGeneration(1L).endMetadata()
                .withNewStatus().withObservedGeneration(1L).withReplicas(1).withUpdatedReplicas(1).withReadyReplicas(1).endStatus().build();
    }
}
