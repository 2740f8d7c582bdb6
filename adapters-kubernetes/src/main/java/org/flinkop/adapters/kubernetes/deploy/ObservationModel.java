package org.flinkop.adapters.kubernetes.deploy;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.vavr.control.Option;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.ports.cluster.ClusterObservation;
import org.flinkop.ports.cluster.JobManagerEndpoints;

/**
 * Reads what the API server reports of a JobManager Deployment (and, while it is not ready, of its pods) as the
 * domain's JobManager deployment status. Pure: it sees objects already read.
 */
final class ObservationModel {

    /** Pod states Kubernetes does not recover from by waiting: the JobManager will not start as it is. */
    private static final Set<String> FAILING = Set.of("CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "InvalidImageName",
            "CreateContainerConfigError", "CreateContainerError");

    private ObservationModel() {
    }

    /**
     * The observation of cluster {@code key}, its REST endpoint from {@code endpoints}. A ready JobManager whose
     * address is not known yet is still {@code DEPLOYING}: the operator could not reach it.
     */
    static ClusterObservation of(ResourceKey key, Deployment jobManager, List<Pod> jobManagerPods, boolean haMetadataPresent, JobManagerEndpoints endpoints) {
        JobManagerDeploymentStatus status = status(jobManager, jobManagerPods);
        Option<URI> endpoint = status == JobManagerDeploymentStatus.READY ? endpoints.rest(key, restPort(jobManager)) : Option.none();
        if (status == JobManagerDeploymentStatus.READY && endpoint.isEmpty()) {
            status = JobManagerDeploymentStatus.DEPLOYING;
        }
        return new ClusterObservation(status, haMetadataPresent, endpoint, Option.none(),
                status == JobManagerDeploymentStatus.ERROR ? problem(jobManager, jobManagerPods) : Option.none());
    }

    /**
     * Why a JobManager Deployment in {@code ERROR} does not start, as Kubernetes tells it: the failed rollout
     * condition's reason and message, else the first pod container that cannot start, its reason and message.
     */
    static Option<String> problem(Deployment jobManager, List<Pod> jobManagerPods) {
        DeploymentStatus status = jobManager.getStatus() == null ? new DeploymentStatus() : jobManager.getStatus();
        List<DeploymentCondition> conditions = status.getConditions() == null ? List.of() : status.getConditions();
        Option<String> rollout = Option.ofOptional(conditions.stream().filter(ObservationModel::failed).findFirst()
                .map(c -> "Deployment " + jobManager.getMetadata().getName() + ": " + c.getReason() + (c.getMessage() == null ? "" : ": " + c.getMessage())));
        return rollout.orElse(() -> Option.ofOptional(jobManagerPods.stream()
                .flatMap(pod -> containers(pod).filter(ObservationModel::cannotStart)
                        .map(c -> "pod " + pod.getMetadata().getName() + ", container " + c.getName() + ": " + c.getState().getWaiting().getReason()
                                + (c.getState().getWaiting().getMessage() == null ? "" : ": " + c.getState().getWaiting().getMessage())))
                .findFirst()));
    }

    /**
     * {@code MISSING} when there is no Deployment or it is being deleted; {@code ERROR} when its rollout failed or a
     * JobManager pod cannot start; {@code READY} when the current revision's pods are all that run and one is
     * ready; {@code DEPLOYING} otherwise.
     */
    static JobManagerDeploymentStatus status(Deployment jobManager, List<Pod> jobManagerPods) {
        if (jobManager == null || jobManager.getMetadata().getDeletionTimestamp() != null) {
            return JobManagerDeploymentStatus.MISSING;
        }
        DeploymentStatus status = jobManager.getStatus() == null ? new DeploymentStatus() : jobManager.getStatus();
        if (rolloutFailed(status) || jobManagerPods.stream().anyMatch(ObservationModel::cannotStart)) {
            return JobManagerDeploymentStatus.ERROR;
        }
        long generation = jobManager.getMetadata().getGeneration() == null ? 0 : jobManager.getMetadata().getGeneration();
        boolean observed = status.getObservedGeneration() != null && status.getObservedGeneration() >= generation;
        int updated = zeroIfNull(status.getUpdatedReplicas());
        boolean onlyCurrent = updated > 0 && updated == zeroIfNull(status.getReplicas());
        return observed && onlyCurrent && zeroIfNull(status.getReadyReplicas()) > 0 ? JobManagerDeploymentStatus.READY : JobManagerDeploymentStatus.DEPLOYING;
    }

    /** The port Flink's container serves REST on. */
    static int restPort(Deployment jobManager) {
        return jobManager.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> ClusterNames.MAIN_CONTAINER.equals(c.getName()))
                .flatMap(c -> c.getPorts() == null ? Stream.empty() : c.getPorts().stream())
                .filter(p -> "rest".equals(p.getName()))
                .map(p -> p.getContainerPort())
                .filter(Objects::nonNull)
                .findFirst().orElse(8081);
    }

    private static boolean rolloutFailed(DeploymentStatus status) {
        List<DeploymentCondition> conditions = status.getConditions() == null ? List.of() : status.getConditions();
        return conditions.stream().anyMatch(ObservationModel::failed);
    }

    private static boolean failed(DeploymentCondition c) {
        return "ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus())
                || "Progressing".equals(c.getType()) && "False".equals(c.getStatus()) && "ProgressDeadlineExceeded".equals(c.getReason());
    }

    private static boolean cannotStart(Pod pod) {
        return containers(pod).anyMatch(ObservationModel::cannotStart);
    }

    private static boolean cannotStart(ContainerStatus c) {
        return c.getState() != null && c.getState().getWaiting() != null && FAILING.contains(c.getState().getWaiting().getReason());
    }

    private static Stream<ContainerStatus> containers(Pod pod) {
        if (pod.getStatus() == null) {
            return Stream.empty();
        }
        return Stream.concat(
                pod.getStatus().getInitContainerStatuses() == null ? Stream.empty() : pod.getStatus().getInitContainerStatuses().stream(),
                pod.getStatus().getContainerStatuses() == null ? Stream.empty() : pod.getStatus().getContainerStatuses().stream());
    }

    private static int zeroIfNull(Integer value) {
        return value == null ? 0 : value;
    }
}
