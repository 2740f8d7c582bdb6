package org.flinkop.testkit.kubelet;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The addresses of the pods a kubelet runs: every pod is 127.0.0.1, and each port a container declares is a free
 * port of this machine, fixed for the pod's life (a restarted container listens where it did). This is the
 * kubelet's stand-in for pod networking and cluster DNS: a Service's name leads, through its selector, to one of
 * these pods and the host port behind the Service's target port. Safe from any thread.
 */
final class PodAddresses {

    static final String LOOPBACK = "127.0.0.1";

    /** A pod: its labels, its declared ports and the host ports standing for them, and whether its containers run now. */
    record Published(String namespace, String pod, Map<String, String> labels, Map<Integer, Integer> ports, boolean running) {
    }

    private final Map<String, Published> pods = new ConcurrentHashMap<>();

    void publish(Published pod) {
        pods.put(pod.namespace() + "/" + pod.pod(), pod);
    }

    void withdraw(String namespace, String pod) {
        pods.remove(namespace + "/" + pod);
    }

    /**
     * The host port behind {@code containerPort} of a pod in {@code namespace} carrying every label of
     * {@code selector}; a running pod is preferred over one whose containers are restarting.
     */
    Optional<Integer> hostPort(String namespace, Map<String, String> selector, int containerPort, boolean runningOnly) {
        return pods.values().stream()
                .filter(p -> p.namespace().equals(namespace) && p.labels().entrySet().containsAll(selector.entrySet()))
                .filter(p -> p.ports().containsKey(containerPort))
                .filter(p -> p.running() || !runningOnly)
                .sorted((a, b) -> Boolean.compare(b.running(), a.running()))
                .map(p -> p.ports().get(containerPort))
                .findFirst();
    }
}
