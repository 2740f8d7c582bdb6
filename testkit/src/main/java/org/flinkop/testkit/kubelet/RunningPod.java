package org.flinkop.testkit.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pod this kubelet admitted: its directory, the host port of each port its containers declare (fixed for the
 * pod's life), its containers, and when it started and is to be killed. Touched only by the kubelet's own thread.
 */
final class RunningPod {

    final String namespace;
    final String name;
    final Path dir;
    final Instant startTime;
    final Map<Integer, Integer> ports;
    final Map<String, ContainerRun> containers = new LinkedHashMap<>();
    private Instant killAt;

    RunningPod(Pod pod, Path workDir, Instant now, HostPorts hostPorts) {
        this.namespace = pod.getMetadata().getNamespace();
        this.name = pod.getMetadata().getName();
        this.dir = workDir.resolve(namespace).resolve(name);
        this.startTime = now;
        this.ports = hostPorts(pod.getSpec().getContainers(), hostPorts);
        pod.getSpec().getContainers().forEach(c -> containers.put(c.getName(), new ContainerRun(c.getName())));
    }

    private static Map<Integer, Integer> hostPorts(List<Container> containers, HostPorts hostPorts) {
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        for (Container container : containers) {
            for (ContainerPort port : container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
                ports.computeIfAbsent(port.getContainerPort(), p -> hostPorts.take());
            }
        }
        return Map.copyOf(ports);
    }

    boolean anyRunning() {
        return containers.values().stream().anyMatch(ContainerRun::running);
    }

    boolean terminating() {
        return killAt != null;
    }

    /** Asks every process to end (SIGTERM) and notes when the rest are killed. */
    void terminate(Instant killAt) {
        if (this.killAt == null) {
            this.killAt = killAt;
            containers.values().stream().filter(ContainerRun::running).forEach(c -> c.process().destroy());
        }
    }

    Instant killAt() {
        return killAt;
    }

    /** Kills (SIGKILL) whatever still runs. */
    void kill() {
        containers.values().stream().filter(ContainerRun::running).forEach(c -> c.process().destroyForcibly());
    }

    List<Long> pids() {
        return containers.values().stream().filter(ContainerRun::running).map(c -> c.process().pid()).toList();
    }
}
