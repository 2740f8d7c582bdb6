package org.flinkop.testkit.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The status a real kubelet would report for a pod run here: phase, the four conditions, the pod and host IP
 * (127.0.0.1), and per container its state (running, waiting with a reason, terminated), readiness (a container
 * without a readiness probe is ready while it runs, as with a real kubelet; probes are not run), restart count
 * and last termination.
 */
final class PodStatusModel {

    private PodStatusModel() {
    }

    static PodStatus of(Pod pod, RunningPod running, String transitionTime) {
        List<ContainerStatus> containers = new ArrayList<>();
        for (Container container : pod.getSpec().getContainers()) {
            containers.add(container(container, running.containers.get(container.getName())));
        }
        boolean ready = containers.stream().allMatch(ContainerStatus::getReady);
        String phase = phase(running);
        return new PodStatusBuilder()
                .withPhase(phase)
                .withHostIP(PodAddresses.LOOPBACK).withPodIP(PodAddresses.LOOPBACK).withPodIPs(new PodIP(PodAddresses.LOOPBACK))
                .withStartTime(running.startTime.toString())
                .withQosClass("Burstable")
                .withConditions(condition("Initialized", true, transitionTime), condition("Ready", ready, transitionTime),
                        condition("ContainersReady", ready, transitionTime), condition("PodScheduled", true, transitionTime))
                .withContainerStatuses(containers)
                .build();
    }

    private static String phase(RunningPod running) {
        boolean allTerminated = running.containers.values().stream().allMatch(c -> c.terminated() != null);
        if (allTerminated) {
            return running.containers.values().stream().allMatch(c -> c.terminated().getExitCode() == 0) ? "Succeeded" : "Failed";
        }
        boolean everStarted = running.containers.values().stream().anyMatch(c -> c.startedAt() != null);
        return everStarted ? "Running" : "Pending";
    }

    private static ContainerStatus container(Container spec, ContainerRun run) {
        ContainerState state;
        if (run.running()) {
            state = new ContainerStateBuilder().withNewRunning().withStartedAt(run.startedAt().toString()).endRunning().build();
        } else if (run.terminated() != null) {
            state = new ContainerStateBuilder().withTerminated(run.terminated()).build();
        } else {
            state = new ContainerStateBuilder().withNewWaiting().withReason(run.waitingReason()).withMessage(run.waitingMessage()).endWaiting().build();
        }
        ContainerStatusBuilder status = new ContainerStatusBuilder()
                .withName(spec.getName())
                .withImage(spec.getImage())
                .withImageID("process-kubelet://" + spec.getImage())
                .withContainerID(run.containerId())
                .withReady(run.running())
                .withStarted(run.running())
                .withRestartCount(run.restartCount())
                .withState(state);
        if (run.lastTermination() != null) {
            status.withNewLastState().withTerminated(run.lastTermination()).endLastState();
        }
        return status.build();
    }

    private static PodCondition condition(String type, boolean holds, String time) {
        return new PodConditionBuilder().withType(type).withStatus(holds ? "True" : "False").withLastTransitionTime(time).build();
    }
}
