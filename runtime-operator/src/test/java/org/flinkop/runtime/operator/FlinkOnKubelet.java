package org.flinkop.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.testkit.kube.KubeNamespace;
import org.flinkop.testkit.kubelet.KubeletSettings;
import org.flinkop.testkit.kubelet.ProcessKubelet;

/**
 * Real Flink behind a real API server, for end-to-end tests: a process kubelet runs the pods of one namespace as
 * Flink processes of this machine, and the operator, every part real, manages them (in this JVM; or, started
 * {@link #withoutOperator without one}, the test runs its operators itself). The keyed-state test job's jar
 * is what the Flink image holds in {@code /opt/flink/usrlib} (the kubelet maps that directory to one under
 * target/). Remembers every process the kubelet ran, so that a test can prove none is left.
 */
final class FlinkOnKubelet implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(240);
    static final String JOB_JAR = "keyed-count-job.jar";
    static final String JOB_CLASS = "org.flinkop.runtime.embedded.fixture.KeyedCountJob";

    private final KubeWorld world;
    private final ProcessKubelet kubelet;
    private final RealFlinkOperator operator;
    private final Path root;
    private final Set<Long> pids = new LinkedHashSet<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private FlinkOnKubelet(KubeWorld world, ProcessKubelet kubelet, RealFlinkOperator operator, Path root) {
        this.world = world;
        this.kubelet = kubelet;
        this.operator = operator;
        this.root = root;
    }

    static FlinkOnKubelet start(KubeNamespace namespace) {
        ProcessKubelet kubelet = startKubelet(namespace);
        try {
            RealFlinkOperator operator = RealFlinkOperator.start(namespace.controlPlane(), InProcessOperator.testSettings(namespace.name()),
                    kubelet.jobManagerEndpoints(), KubeWorld.itDir().resolve("logs").resolve(namespace.name() + ".log"));
            return new FlinkOnKubelet(new KubeWorld(namespace.controlPlane(), namespace.name()), kubelet, operator, root(namespace));
        } catch (RuntimeException e) {
            kubelet.close();
            throw e;
        }
    }

    /** The node alone, for a test that runs its operators itself (as JVMs of their own). */
    static FlinkOnKubelet withoutOperator(KubeNamespace namespace) {
        return new FlinkOnKubelet(new KubeWorld(namespace.controlPlane(), namespace.name()), startKubelet(namespace), null, root(namespace));
    }

    private static Path root(KubeNamespace namespace) {
        return KubeWorld.itDir().resolve("kubelet").resolve(namespace.name());
    }

    private static ProcessKubelet startKubelet(KubeNamespace namespace) {
        Path root = root(namespace);
        Path usrlib = root.resolve("usrlib");
        try {
            // a namespace of the same name in an earlier run left its pods' output and state here
            deleteRecursively(root);
            Files.createDirectories(usrlib);
            Files.copy(jobJar(), usrlib.resolve(JOB_JAR), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KubeletSettings settings = KubeletSettings.of("process-kubelet-" + ProcessHandle.current().pid(), root.resolve("pods"))
                .withImageDirectory("/opt/flink/usrlib", usrlib);
        return ProcessKubelet.start(namespace.controlPlane().kubeconfig(), List.of(namespace.name()), settings);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * Creates service account {@code name} with what Flink's Kubernetes high availability needs of the API server
     * (its ConfigMaps: leader election, job graphs, checkpoint pointers), as an installation would: a Role and its
     * RoleBinding. The kubelet gives a pod naming it that account's token, and nothing more.
     */
    void serviceAccountForHighAvailability(String name) {
        String namespace = world.namespace();
        world.client().serviceAccounts().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
                .withNewMetadata().withName(name).endMetadata().build()).create();
        world.client().rbac().roles().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.rbac.RoleBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .addNewRule().withApiGroups("").withResources("configmaps").withVerbs("get", "list", "watch", "create", "update", "patch", "delete").endRule()
                .build()).create();
        world.client().rbac().roleBindings().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(name).endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName(name).withNamespace(namespace).endSubject()
                .build()).create();
    }

    /**
     * Applies the installation's service account for native clusters ({@code flink}, with its Role and RoleBinding:
     * deploy/operator/flink-service-account/flink.yaml, unchanged) to the namespace, as a user installs it in a
     * namespace of theirs: what a native JobManager does through the API server is what that Role grants.
     */
    void installFlinkServiceAccount() {
        world.kubectl("apply", "-f", KubeWorld.examples().resolveSibling("deploy").resolve("operator/flink-service-account/flink.yaml").toString());
    }

    /**
     * Every pod of {@code cluster}'s {@code component} the kubelet ever ran, by pod uid: the name of its directory
     * (the pod's name, or {@code NAME.UID} once a later pod of the same name replaced it, as Flink names the
     * TaskManager pods of a redeployed native cluster as it named the last ones).
     */
    java.util.Map<String, String> podRunsByUid(String cluster, String component) {
        java.util.Map<String, String> runs = new java.util.TreeMap<>();
        for (String dir : podsEverRun(cluster, component)) {
            Path uid = root.resolve("pods").resolve(world.namespace()).resolve(dir).resolve("pod-uid");
            try {
                if (Files.exists(uid)) {
                    runs.put(Files.readString(uid).trim(), dir);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return runs;
    }

    /** The keyed-count job's jar, built by runtime-embedded's package phase. */
    static Path jobJar() {
        String jar = System.getProperty("flinkop.keyed-count-job");
        assertThat(jar).as("system property flinkop.keyed-count-job (set by the build)").isNotBlank();
        return Path.of(jar);
    }

    /** The job's jar on this machine, for a session job's {@code jarURI}. */
    Path hostJobJar() {
        return root.resolve("usrlib").resolve(JOB_JAR);
    }

    /** A directory for checkpoints and savepoints. */
    Path stateDir() {
        return root.resolve("state");
    }

    KubeWorld world() {
        return world;
    }

    ProcessKubelet kubelet() {
        return kubelet;
    }

    String operatorLog() {
        return operator == null ? "" : operator.logText();
    }

    /** The names of the pods of {@code cluster}'s {@code component} (jobmanager, taskmanager) the kubelet ever ran. */
    Set<String> podsEverRun(String cluster, String component) {
        Path pods = root.resolve("pods").resolve(world.namespace());
        String prefix = component.equals("jobmanager") ? cluster + "-" : cluster + "-taskmanager-";
        if (!Files.isDirectory(pods)) {
            return Set.of();
        }
        try (Stream<Path> dirs = Files.list(pods)) {
            return dirs.map(d -> d.getFileName().toString()).filter(n -> n.startsWith(prefix))
                    .filter(n -> component.equals("taskmanager") || !n.startsWith(cluster + "-taskmanager-"))
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the keyed-count job printed in the given TaskManager pods. */
    KeyedCountLines counts(Set<String> taskManagerPods, String keyPrefix) {
        return KeyedCountLines.read(taskManagerPods.stream().map(p -> kubelet.podDirectory(world.namespace(), p).resolve("flink-main-container.out")).toList(),
                keyPrefix);
    }

    /** The running pods of {@code cluster}'s {@code component}. */
    List<Pod> pods(String cluster, String component) {
        return world.client().pods().inNamespace(world.namespace()).withLabels(Map.of("app", cluster, "component", component)).list().getItems();
    }

    /** GETs {@code path} from the REST API of {@code cluster}'s JobManager; empty when it does not answer. */
    String rest(String cluster, String path) {
        var endpoint = kubelet.jobManagerEndpoints().rest(new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, world.namespace(), cluster), 8081);
        if (endpoint.isEmpty()) {
            return "";
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.get().resolve(path)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Notes the processes the kubelet runs now, for {@link #assertNoProcessLeft()}. */
    void notePids() {
        pids.addAll(kubelet.processIds());
    }

    /** Waits until {@code done} holds for {@code value}, noting the kubelet's processes meanwhile; fails naming {@code what}. */
    <T> T await(String what, Supplier<T> value, Predicate<T> done) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T last = value.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + PATIENCE.toSeconds() + " s; last seen: " + last);
            }
            notePids();
            KubeWorld.sleep(300);
            last = value.get();
        }
        notePids();
        return last;
    }

    /** Stops the operator and the kubelet (and so every Flink process it runs); then asserts that none of the processes seen is alive. */
    @Override
    public void close() throws IOException {
        notePids();
        try {
            if (operator != null) {
                operator.close();
            }
        } finally {
            kubelet.close();
            world.close();
        }
        assertNoProcessLeft();
    }

    void assertNoProcessLeft() {
        assertThat(pids.stream().map(ProcessHandle::of).filter(p -> p.isPresent() && p.get().isAlive()).map(p -> p.get().pid()))
                .as("processes left behind").isEmpty();
    }
}
