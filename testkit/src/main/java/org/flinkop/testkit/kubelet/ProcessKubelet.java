package org.flinkop.testkit.kubelet;

import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A node agent for a real API server that runs Flink containers as processes of this machine, for tests where
 * there is no container runtime. It registers a Node, binds the pods of its namespaces that have no node to it
 * (there is no scheduler), starts their Flink containers as local JVMs ({@link ContainerLauncher}), and reports them
 * through the pod status subresource as a kubelet does: phase, conditions, pod IP, container states, readiness,
 * restart counts and the last termination. A container whose process ends is started again as its pod's
 * {@code restartPolicy} says (a Deployment's pods: always), with a kubelet's back-off. A pod being deleted gets
 * SIGTERM, SIGKILL after its grace period, and is then removed from the API server, as a kubelet removes it.
 *
 * <p>Every pod change is handled on one thread of its own, so the informers' threads never wait for a JVM to start.
 * {@link #close()} stops every process it started, by its process handle, and a JVM shutdown hook does the same when
 * a test run ends without closing it.
 */
public final class ProcessKubelet implements AutoCloseable {

    private static final Duration HEARTBEAT = Duration.ofSeconds(10);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration GIVE_UP_RETRY = Duration.ofMinutes(1);
    private static final long DEFAULT_GRACE_SECONDS = 30;
    /** The uid of the pod whose files a pod directory holds. */
    static final String POD_UID_FILE = "pod-uid";

    private final KubernetesClient client;
    private final KubeletSettings settings;
    private final PodAddresses addresses = new PodAddresses();
    private final HostPorts hostPorts = new HostPorts();
    private final ContainerLauncher launcher;
    private final ScheduledExecutorService thread;
    private final Map<String, SharedIndexInformer<Pod>> informers = new ConcurrentHashMap<>();
    private final Map<String, RunningPod> pods = new ConcurrentHashMap<>();
    private final Map<String, String> writtenStatus = new HashMap<>();
    private final Thread shutdownHook = new Thread(this::killAll, "process-kubelet-stop");

    private ProcessKubelet(KubernetesClient client, KubeletSettings settings) {
        this.client = client;
        this.settings = settings;
        this.launcher = new ContainerLauncher(client, settings, new FlinkConfRewrite(client, addresses));
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "process-kubelet-" + settings.nodeName());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Registers the node and starts running the pods of {@code namespaces} on it.
     *
     * @param kubeconfig a kubeconfig with the rights to create nodes, bind pods and write their status
     */
    public static ProcessKubelet start(Path kubeconfig, Collection<String> namespaces, KubeletSettings settings) {
        Config config = Config.fromKubeconfig(kubeconfig.toFile());
        config.setRequestTimeout(10_000);
        ProcessKubelet kubelet = new ProcessKubelet(new KubernetesClientBuilder().withConfig(config).build(), settings);
        Runtime.getRuntime().addShutdownHook(kubelet.shutdownHook);
        kubelet.registerNode();
        kubelet.thread.scheduleWithFixedDelay(kubelet::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        namespaces.forEach(kubelet::watch);
        return kubelet;
    }

    /** Also runs the pods of {@code namespace}. */
    public void watch(String namespace) {
        informers.computeIfAbsent(namespace, ns -> client.pods().inNamespace(ns).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                enqueue(key(pod));
            }

            @Override
            public void onUpdate(Pod before, Pod pod) {
                enqueue(key(pod));
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                enqueue(key(pod));
            }
        }));
    }

    public String nodeName() {
        return settings.nodeName();
    }

    /** The REST endpoints of the JobManagers this kubelet runs, for an operator outside the pod network. */
    public KubeletJobManagerEndpoints jobManagerEndpoints() {
        return new KubeletJobManagerEndpoints(addresses);
    }

    /** The process ids of the containers of pod {@code namespace/name} that run now. */
    public List<Long> processIds(String namespace, String name) {
        RunningPod pod = pods.get(namespace + "/" + name);
        return pod == null ? List.of() : pod.pids();
    }

    /** The process ids of every container that runs now. */
    public List<Long> processIds() {
        return pods.values().stream().flatMap(p -> p.pids().stream()).toList();
    }

    /**
     * The directory of pod {@code namespace/name}: its volumes, each container's configuration, log
     * ({@code CONTAINER.log}) and console ({@code CONTAINER.out}), and its uid (in {@value #POD_UID_FILE}). The files of
     * an earlier pod of the same name are kept beside it, in {@code NAME.UID}.
     */
    public Path podDirectory(String namespace, String name) {
        return settings.workDir().resolve(namespace).resolve(name);
    }

    private void enqueue(String key) {
        try {
            thread.execute(() -> sync(key));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // closed: close() stops whatever still runs
        }
    }

    private void sync(String key) {
        try {
            String namespace = key.substring(0, key.indexOf('/'));
            SharedIndexInformer<Pod> informer = informers.get(namespace);
            Pod pod = informer == null ? null : informer.getStore().getByKey(key);
            RunningPod running = pods.get(key);
            if (pod == null) {
                if (running != null) {
                    running.terminate(Instant.now());
                    running.kill();
                    forget(key, running);
                }
            } else if (pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) {
                if (pod.getMetadata().getDeletionTimestamp() == null) {
                    bind(pod);
                }
            } else if (settings.nodeName().equals(pod.getSpec().getNodeName())) {
                if (pod.getMetadata().getDeletionTimestamp() != null) {
                    terminate(key, pod, running);
                } else {
                    run(key, pod, running);
                }
            }
        } catch (RuntimeException e) {
            // the API server refused or did not answer, or a file could not be written: look again soon, as a kubelet's next sync would
            System.err.println("process kubelet: syncing pod " + key + " failed, trying again: " + e);
            thread.schedule(() -> sync(key), RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void run(String key, Pod pod, RunningPod known) {
        RunningPod running = known;
        if (running == null) {
            running = new RunningPod(pod, settings.workDir(), Instant.now(), hostPorts);
            try {
                keepEarlierPodFiles(running.dir);
                FlinkConfRewrite.recreate(running.dir);
                java.nio.file.Files.writeString(running.dir.resolve(POD_UID_FILE), pod.getMetadata().getUid());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot prepare " + running.dir, e);
            }
            pods.put(key, running);
        }
        annotateHostPorts(pod, running);
        String policy = pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
        Instant next = null;
        for (Container container : pod.getSpec().getContainers()) {
            ContainerRun run = running.containers.get(container.getName());
            if (run.exitedUnnoticed()) {
                boolean restart = "Always".equals(policy) || "OnFailure".equals(policy) && run.process().exitValue() != 0;
                run.exited(Instant.now(), restart);
            }
            if (run.dueToStart(Instant.now())) {
                start(key, pod, container, running, run);
            }
            if (!run.running() && run.terminated() == null) {
                next = next == null || run.notBefore().isBefore(next) ? run.notBefore() : next;
            }
        }
        addresses.publish(new PodAddresses.Published(running.namespace, running.name, labels(pod), running.ports, running.anyRunning()));
        writeStatus(key, pod, running);
        if (next != null) {
            long delay = Math.max(Duration.between(Instant.now(), next).toMillis(), RETRY.toMillis());
            thread.schedule(() -> sync(key), delay, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A pod of the same name ran before (Flink names the TaskManager pods of a redeployed native cluster as it named
     * the last ones): its files must not be this pod's, and its logs are kept, in {@code NAME.UID} beside it.
     */
    private static void keepEarlierPodFiles(Path dir) throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(dir)) {
            return;
        }
        Path uidFile = dir.resolve(POD_UID_FILE);
        String uid = java.nio.file.Files.exists(uidFile) ? java.nio.file.Files.readString(uidFile).trim() : "earlier";
        Path kept = dir.resolveSibling(dir.getFileName() + "." + uid);
        if (java.nio.file.Files.exists(kept)) {
            FlinkConfRewrite.recreate(kept);
            java.nio.file.Files.delete(kept);
        }
        java.nio.file.Files.move(dir, kept);
    }

    private void start(String key, Pod pod, Container container, RunningPod running, ContainerRun run) {
        // publish the pod's ports first: a JobManager's configuration names its own Service
        addresses.publish(new PodAddresses.Published(running.namespace, running.name, labels(pod), running.ports, running.anyRunning()));
        ContainerLauncher.Launch launch = launcher.launch(pod, container, running);
        if (launch.process() == null) {
            // what trying again may mend (a Service without its pod yet) is tried again within a second, the rest after a minute
            run.waiting(launch.reason(), launch.message(), launch.retry() ? Instant.now() : Instant.now().plus(GIVE_UP_RETRY));
            return;
        }
        run.started(launch.process(), Instant.now());
        launch.process().onExit().thenRun(() -> enqueue(key));
    }

    private void terminate(String key, Pod pod, RunningPod running) {
        if (running == null || !running.anyRunning()) {
            if (running != null) {
                forget(key, running);
            }
            deleteNow(pod);
            return;
        }
        Long grace = pod.getMetadata().getDeletionGracePeriodSeconds();
        if (!running.terminating()) {
            // as Kubernetes takes a terminating pod out of its Services' endpoints: nobody new finds it
            addresses.withdraw(running.namespace, running.name);
            running.terminate(Instant.now().plusSeconds(grace == null ? DEFAULT_GRACE_SECONDS : grace));
            running.containers.values().stream().filter(ContainerRun::running).forEach(c -> c.process().onExit().thenRun(() -> enqueue(key)));
            thread.schedule(() -> sync(key), Duration.between(Instant.now(), running.killAt()).toMillis(), TimeUnit.MILLISECONDS);
        } else if (!Instant.now().isBefore(running.killAt())) {
            running.kill();
        }
    }

    private void forget(String key, RunningPod running) {
        pods.remove(key);
        writtenStatus.remove(key);
        addresses.withdraw(running.namespace, running.name);
    }

    private void deleteNow(Pod pod) {
        // the last step of a graceful deletion: the kubelet removes the pod once its containers are gone
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).withGracePeriod(0).delete();
    }

    /**
     * Publishes the pod's host ports on the pod itself ({@link HostPortAnnotation}), before its containers start, for
     * those who cannot ask this kubelet; written again only while the pod does not carry them.
     */
    private void annotateHostPorts(Pod pod, RunningPod running) {
        String ports = HostPortAnnotation.format(running.ports);
        Map<String, String> annotations = pod.getMetadata().getAnnotations() == null ? Map.of() : pod.getMetadata().getAnnotations();
        if (ports.isEmpty() || ports.equals(annotations.get(HostPortAnnotation.KEY))) {
            return;
        }
        try {
            client.pods().inNamespace(running.namespace).withName(running.name).patch(PatchContext.of(PatchType.JSON_MERGE),
                    Serialization.asJson(Map.of("metadata", Map.of("annotations", Map.of(HostPortAnnotation.KEY, ports)))));
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    private void bind(Pod pod) {
        try {
            client.bindings().inNamespace(pod.getMetadata().getNamespace()).resource(new BindingBuilder()
                    .withNewMetadata().withName(pod.getMetadata().getName()).endMetadata()
                    .withNewTarget().withApiVersion("v1").withKind("Node").withName(settings.nodeName()).endTarget()
                    .build()).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    private void writeStatus(String key, Pod pod, RunningPod running) {
        String status = Serialization.asJson(Map.of("status", PodStatusModel.of(pod, running, running.startTime.toString())));
        if (status.equals(writtenStatus.get(key))) {
            return;
        }
        try {
            client.pods().inNamespace(running.namespace).withName(running.name).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), status);
            writtenStatus.put(key, status);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    private void registerNode() {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(settings.nodeName())
                .addToLabels("kubernetes.io/hostname", settings.nodeName()).addToLabels("kubernetes.io/os", "linux").endMetadata()
                .build()).createOr(existing -> existing.update());
        heartbeat();
    }

    /** The node's status with a fresh heartbeat, so that the node controller keeps it Ready and never evicts its pods. */
    private void heartbeat() {
        try {
            String now = Instant.now().toString();
            Map<String, Object> status = Map.of("status", Map.of(
                    "conditions", List.of(Map.of("type", "Ready", "status", "True", "reason", "KubeletReady", "message", "process kubelet is posting ready status",
                            "lastHeartbeatTime", now, "lastTransitionTime", now)),
                    "addresses", List.of(Map.of("type", "InternalIP", "address", PodAddresses.LOOPBACK), Map.of("type", "Hostname", "address", settings.nodeName())),
                    "capacity", Map.of("cpu", new Quantity("64"), "memory", new Quantity("256Gi"), "pods", new Quantity("1000")),
                    "allocatable", Map.of("cpu", new Quantity("64"), "memory", new Quantity("256Gi"), "pods", new Quantity("1000"))));
            client.nodes().withName(settings.nodeName()).subresource("status").patch(PatchContext.of(PatchType.STRATEGIC_MERGE), Serialization.asJson(status));
        } catch (KubernetesClientException e) {
            // the API server may be stopped by a test; the next heartbeat tries again
        }
    }

    private static Map<String, String> labels(Pod pod) {
        return pod.getMetadata().getLabels() == null ? Map.of() : Map.copyOf(pod.getMetadata().getLabels());
    }

    private static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    /** Stops watching, stops every process it started (SIGTERM, then SIGKILL after 20 s), and removes its node. */
    @Override
    public void close() {
        informers.values().forEach(SharedIndexInformer::close);
        thread.shutdownNow();
        try {
            thread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        killAll();
        try {
            client.nodes().withName(settings.nodeName()).delete();
        } catch (KubernetesClientException e) {
            // the API server is gone already: nothing left to tidy there
        }
        client.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is stopping: the hook runs killAll itself
        }
    }

    private void killAll() {
        List<ProcessHandle> all = new ArrayList<>();
        pods.values().forEach(p -> p.containers.values().stream().filter(ContainerRun::running).forEach(c -> all.add(c.process().toHandle())));
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : all) {
            try {
                process.onExit().get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                process.destroyForcibly();
                process.onExit().completeOnTimeout(process, 10, TimeUnit.SECONDS).join();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
