package org.flinkop.testkit.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.testkit.kube.KubeNamespace;
import org.flinkop.testkit.kube.WithKubeApiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The process kubelet against a real API server and controller manager, with a Flink 1.20 session cluster made of
 * a JobManager and a TaskManager Deployment, shaped as the operator's standalone mode makes them.
 */
@WithKubeApiServer
class ProcessKubeletIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private KubeNamespace namespace;
    private KubernetesClient client;
    private ProcessKubelet kubelet;
    private final List<Long> seen = new ArrayList<>();

    @BeforeEach
    void start(KubeNamespace namespace) {
        this.namespace = namespace;
        this.client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(namespace.controlPlane().kubeconfig().toFile())).build();
        Path work = Path.of(System.getProperty("flinkop.it.dir", "target/it")).resolve("kubelet");
        kubelet = ProcessKubelet.start(namespace.controlPlane().kubeconfig(), List.of(namespace.name()), KubeletSettings.of("process-kubelet-" + ProcessHandle.current().pid(), work));
    }

    @AfterEach
    void stop() {
        seen.addAll(kubelet.processIds());
        kubelet.close();
        client.close();
        assertThat(seen.stream().map(ProcessHandle::of).filter(p -> p.isPresent() && p.get().isAlive())).as("processes left behind").isEmpty();
    }

    @Test
    void pods_are_bound_run_as_flink_processes_restart_when_killed_and_stop_when_deleted() throws Exception {
        namespace.controlPlane().kubectl("-n", namespace.name(), "apply", "-f", manifests().toString());

        Pod jobManager = await("a running, ready JobManager pod", () -> pod("component=jobmanager"), p -> p != null && ready(p));
        assertThat(jobManager.getSpec().getNodeName()).isEqualTo(kubelet.nodeName());
        assertThat(jobManager.getStatus().getPodIP()).isEqualTo("127.0.0.1");
        assertThat(client.nodes().withName(kubelet.nodeName()).get().getStatus().getConditions()).anyMatch(c -> "Ready".equals(c.getType())
                && "True".equals(c.getStatus()));
        URI rest = kubelet.jobManagerEndpoints().rest(new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, namespace.name(), "session"), 8081).get();
        await("the TaskManager registered with the JobManager through its Service", () -> overview(rest), o -> o.contains("\"slots-total\":1"));

        long firstPid = kubelet.processIds(namespace.name(), jobManager.getMetadata().getName()).get(0);
        seen.add(firstPid);
        ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();
        Pod restarted = await("the JobManager container restarted", () -> pod("component=jobmanager"),
                p -> main(p).getRestartCount() == 1 && ready(p));
        assertThat(main(restarted).getLastState().getTerminated().getExitCode()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(main(restarted).getLastState().getTerminated().getContainerID()).isEqualTo("process://" + firstPid);
        assertThat(kubelet.processIds(namespace.name(), jobManager.getMetadata().getName())).doesNotContain(firstPid).hasSize(1);
        await("the TaskManager registered again", () -> overview(rest), o -> o.contains("\"slots-total\":1"));

        // a JobManager pod that replaces it listens on other host ports: the TaskManager, started towards the old one,
        // gives up registering and is started again towards the new one, as a Service would take it there
        String replacedName = jobManager.getMetadata().getName();
        client.pods().inNamespace(namespace.name()).withName(replacedName).delete();
        await("a new, ready JobManager pod", () -> client.pods().inNamespace(namespace.name()).withLabel("component", "jobmanager").list().getItems().stream()
                .filter(p -> !p.getMetadata().getName().equals(replacedName)).findFirst().orElse(null), p -> p != null && ready(p));
        URI newRest = kubelet.jobManagerEndpoints().rest(new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, namespace.name(), "session"), 8081).get();
        await("the TaskManager registered with the new JobManager", () -> overview(newRest), o -> o.contains("\"slots-total\":1"));

        List<Long> running = kubelet.processIds();
        seen.addAll(running);
        assertThat(running).hasSize(2);
        namespace.controlPlane().kubectl("-n", namespace.name(), "delete", "deployment", "--all", "--wait=false");
        await("every pod deleted", () -> client.pods().inNamespace(namespace.name()).list().getItems(), List::isEmpty);
        assertThat(running.stream().map(ProcessHandle::of).filter(p -> p.isPresent() && p.get().isAlive())).as("processes of deleted pods").isEmpty();
    }

    private Pod pod(String selector) {
        String[] label = selector.split("=");
        return client.pods().inNamespace(namespace.name()).withLabel(label[0], label[1]).list().getItems().stream().findFirst().orElse(null);
    }

    private static ContainerStatus main(Pod pod) {
        return pod.getStatus().getContainerStatuses().get(0);
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String overview(URI rest) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(rest.resolve("/overview")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (Exception notYet) {
            return "";
        }
    }

    private static <T> T await(String what, Supplier<T> value, java.util.function.Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T last = value.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + PATIENCE.toSeconds() + " s; last seen: " + last);
            }
            Thread.sleep(250);
            last = value.get();
        }
        return last;
    }

    /** A session cluster as the operator's standalone mode shapes it: a ConfigMap, the JobManager's Service, two Deployments. */
    private Path manifests() throws Exception {
        String conf = """
                jobmanager.rpc.address: session.%s
                jobmanager.rpc.port: 6123
                blob.server.port: 6124
                rest.port: 8081
                taskmanager.rpc.port: 6122
                taskmanager.numberOfTaskSlots: 1
                jobmanager.memory.process.size: 768m
                taskmanager.memory.process.size: 1024m
                cluster.registration.error-delay: 1000
                """.formatted(namespace.name()).indent(4);
        String yaml = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: flink-config-session}
                data:
                  flink-conf.yaml: |
                %s
                  log4j-console.properties: |
                    rootLogger.level = INFO
                    rootLogger.appenderRef.console.ref = ConsoleAppender
                    appender.console.name = ConsoleAppender
                    appender.console.type = CONSOLE
                    appender.console.layout.type = PatternLayout
                    appender.console.layout.pattern = %%d{HH:mm:ss,SSS} %%-5p %%-50c{1.} - %%m%%n
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: session}
                spec:
                  clusterIP: None
                  selector: {app: session, component: jobmanager}
                  ports: [{name: jobmanager-rpc, port: 6123}, {name: blobserver, port: 6124}]
                ---
                %s
                ---
                %s
                """.formatted(conf.stripTrailing(), deployment("session", "jobmanager", "jobmanager",
                "[{name: rest, containerPort: 8081}, {name: jobmanager-rpc, containerPort: 6123}, {name: blobserver, containerPort: 6124}]"),
                deployment("session-taskmanager", "taskmanager", "taskmanager", "[{name: rpc, containerPort: 6122}]"));
        Path file = Path.of(System.getProperty("flinkop.it.dir", "target/it")).resolve("kubelet").resolve(namespace.name() + ".yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return file;
    }

    private static String deployment(String name, String component, String arg, String ports) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: session, component: %s}}
                  template:
                    metadata: {labels: {app: session, component: %s}}
                    spec:
                      containers:
                      - name: flink-main-container
                        image: flink:1.20
                        command: [/docker-entrypoint.sh]
                        args: [%s]
                        ports: %s
                        volumeMounts: [{name: flink-config-volume, mountPath: /opt/flink/conf}]
                      volumes:
                      - name: flink-config-volume
                        configMap: {name: flink-config-session}
                """.formatted(name, component, component, arg, ports);
    }
}
