package org.flinkop.runtime.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flinkop.runtime.operator.config.ConfigFile;
import org.flinkop.runtime.operator.wiring.OperatorHttpClientFactory;
import org.flinkop.runtime.operator.config.OperatorKeys;
import org.flinkop.testkit.kube.KubeControlPlane;

/**
 * The operator against a real kube-apiserver and controller manager (no kubelet: pods stay Pending, JobManagers
 * never answer), as its own JVM sized as the install manifests size it, with the configuration they ship. Creates N
 * FlinkDeployments (native or standalone) and reports how long until each has its JobManager Deployment (and
 * TaskManager Deployment) and a status, the operator's resident memory and heap, its CPU time over a minute of
 * steady state, and how long deleting them all takes. Usage: {@code scripts/bench-k8s.sh N native|standalone}.
 */
public final class KubernetesBenchmark {

    private static final String NAMESPACE = "bench";
    /**
     * The JVM as the Deployment runs it: a 512 MiB limit, 70 % of it for the heap, C1 only with a fifth of the usual
     * compile thresholds (its JAVA_TOOL_OPTIONS), and the collector the JVM picks for a container that small.
     */
    static final List<String> CONTAINER_JVM = List.of("-XX:MaxRAM=512m", "-XX:MaxRAMPercentage=70", "-XX:TieredStopAtLevel=1",
            "-XX:CompileThresholdScaling=0.2", "-XX:+UseSerialGC");

    private KubernetesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        boolean standalone = args.length > 1 && args[1].toLowerCase(Locale.ROOT).equals("standalone");
        Path work = Path.of("runtime-operator", "target", "bench-k8s").toAbsolutePath();
        String operatorClasspath = System.getProperty("bench.operator.classpath", System.getProperty("java.class.path"));
        try (KubeControlPlane plane = KubeControlPlane.start(work.resolve("kube"))) {
            plane.installCrds(Path.of("deploy", "crds").toAbsolutePath());
            plane.kubectl("create", "namespace", NAMESPACE);
            Config config = Config.fromKubeconfig(plane.kubeconfig().toFile());
            config.setRequestTimeout(30_000);
            // the benchmark's JVM compiles with C1 only, as the operator's does: its client offers the same cipher first
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new OperatorHttpClientFactory()).build();
                    BenchObserver observer = new BenchObserver(client, NAMESPACE);
                    OperatorProcess operator = OperatorProcess.start(work.resolve("operator"), plane.kubeconfig(), settings(work), Map.of(), jvmOptions(),
                            operatorClasspath)) {
                awaitUntil("the operator ready", () -> operator.get("/readyz") == 200, 120);
                new KubernetesBenchmark().run(n, standalone, client, observer, operator, plane);
            }
        }
    }

    /** The container's JVM options, and any the system property bench.operator.jvm adds (a profiler, say). */
    private static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(CONTAINER_JVM);
        String extra = System.getProperty("bench.operator.jvm", "");
        if (!extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        return options;
    }

    /** The configuration the install manifests ship, watching the benchmark's namespace, its endpoints on loopback, without the webhooks. */
    private static Map<String, String> settings(Path work) {
        Map<String, String> settings = new LinkedHashMap<>(ConfigFile.read(Path.of("deploy", "operator", "base", "operator.yaml")).get());
        settings.put(OperatorKeys.WATCHED_NAMESPACES, NAMESPACE);
        settings.put(OperatorKeys.HTTP_ADDRESS, "127.0.0.1");
        settings.put(OperatorKeys.HEALTH_PROBE_PORT, Integer.toString(OperatorProcess.freePort()));
        settings.put(OperatorKeys.ARTIFACTS_CACHE_DIR, work.resolve("artifacts").toString());
        // the API server here cannot call a webhook through its Service; admission is not what is measured
        settings.put(OperatorKeys.WEBHOOK_ENABLED, "false");
        settings.put(OperatorKeys.LOG_LEVEL, System.getProperty("bench.log.level", settings.getOrDefault(OperatorKeys.LOG_LEVEL, "info")));
        return settings;
    }

    private void run(int n, boolean standalone, KubernetesClient client, BenchObserver observer, OperatorProcess operator, KubeControlPlane plane)
            throws Exception {
        String mode = standalone ? "standalone" : "native";
        GenericKubernetesResource template = client.getKubernetesSerialization().unmarshal(
                Files.readString(KubeWorld.examples().resolve(standalone ? "standalone.yaml" : "basic.yaml")), GenericKubernetesResource.class);
        // a running operator has run its code before: a first round, created and deleted, is not measured
        int warmup = Integer.getInteger("bench.warmup", 20);
        if (warmup > 0) {
            create(client, prepare(client, template, "warmup", warmup));
            awaitUntil("the warm-up round ready", () -> all(warmup, i -> observer.readyAt(name("warmup", i), standalone) != null), 600);
            parallel(warmup, i -> client.genericKubernetesResources(KubeWorld.FLINK_DEPLOYMENTS).inNamespace(NAMESPACE).withName(name("warmup", i)).delete());
            awaitUntil("the warm-up round gone", () -> all(warmup, i -> observer.goneAt(name("warmup", i)) != null) && observer.deploymentsLeft() == 0, 600);
            // the controller manager collects the round's ReplicaSets, Pods, Endpoints and EndpointSlices after its
            // Deployments and Services are gone: the measured round starts once that is done, not beside it
            awaitUntil("the warm-up round's dependents collected", () -> nothingLeftOfClusters(client), 600, 200);
        }
        List<GenericKubernetesResource> resources = prepare(client, template, "bench", n);
        Map<String, Double> cpuAtStart = processCpu();
        Map<String, Long> writesAtStart = ApiServerWrites.read(client);
        Process profile = profileApiServer(plane);
        java.time.Instant startedAt = java.time.Instant.now();
        long start = System.nanoTime();
        long[] created = create(client, resources);
        double submitted = seconds(System.nanoTime() - start);
        awaitUntil("every FlinkDeployment with its Deployments and a status", () -> all(n, i -> observer.readyAt(name(i), standalone) != null), 1200);
        double[] ready = new double[n];
        long lastReady = 0;
        for (int i = 0; i < n; i++) {
            long at = observer.readyAt(name(i), standalone);
            ready[i] = seconds(at - created[i]);
            lastReady = Math.max(lastReady, at);
        }
        Arrays.sort(ready);
        Map<String, Double> creationCpu = since(cpuAtStart);
        if (profile != null) {
            profile.waitFor();
        }
        Map<String, Long> creationWrites = ApiServerWrites.since(client, writesAtStart);
        String creationMetrics = operator.fetch("/metrics").body();

        // the JIT compiler works on for a minute or two after start; the steady state is what comes after it
        Thread.sleep(Long.getLong("bench.settle.seconds", 120) * 1000);
        Map<String, Double> steadyStart = processCpu();
        double cpuBefore = ProcessStats.cpuSeconds(operator.pid());
        Thread.sleep(60_000);
        double steadyCpu = ProcessStats.cpuSeconds(operator.pid()) - cpuBefore;
        Map<String, Double> steadyCpuAll = since(steadyStart);
        long rss = ProcessStats.residentBytes(operator.pid());
        String metricsBefore = operator.fetch("/metrics").body();
        long heapAfterGc = heapAfterGc(operator);

        Map<String, Long> writesBeforeDelete = ApiServerWrites.read(client);
        Map<String, Double> cpuBeforeDelete = processCpu();
        long deleteStart = System.nanoTime();
        parallel(n, i -> client.genericKubernetesResources(KubeWorld.FLINK_DEPLOYMENTS).inNamespace(NAMESPACE).withName(name(i)).delete());
        awaitUntil("every FlinkDeployment gone", () -> all(n, i -> observer.goneAt(name(i)) != null), 600);
        long lastGone = 0;
        for (int i = 0; i < n; i++) {
            lastGone = Math.max(lastGone, observer.goneAt(name(i)));
        }
        awaitUntil("every Deployment of the clusters gone", () -> observer.deploymentsLeft() == 0, 600);
        double objectsGone = seconds(System.nanoTime() - deleteStart);
        Map<String, Double> deletionCpu = since(cpuBeforeDelete);
        Map<String, Long> deletionWrites = ApiServerWrites.since(client, writesBeforeDelete);
        int exit = operator.terminate(java.time.Duration.ofSeconds(60));

        System.out.printf(Locale.ROOT, "bench-k8s: %d %s FlinkDeployments (after a warm-up round of %d), operator JVM %s%n", n, mode, warmup,
                String.join(" ", CONTAINER_JVM));
        System.out.printf(Locale.ROOT, "  created in %.2f s (8 threads), from %s%n", submitted, startedAt);
        System.out.printf(Locale.ROOT, "  JobManager Deployment%s and status, from each create: p50 %.2f s, p100 %.2f s; all done %.2f s after the first create%n",
                standalone ? ", TaskManager Deployment" : "", percentile(ready, 0.5), ready[n - 1], seconds(lastReady - start));
        System.out.printf(Locale.ROOT, "  while creating: CPU-seconds %s; mean pass %s%n", creationCpu, meanPass(creationMetrics));
        System.out.printf(Locale.ROOT, "  API server writes while creating (every client): %s%n", creationWrites);
        System.out.printf(Locale.ROOT, "  operator RSS %d MiB, heap after a full GC %d MiB%n", rss >> 20, heapAfterGc >> 20);
        System.out.printf(Locale.ROOT, "  steady state: %.2f CPU-seconds in 60 s; %s; every process: %s%n", steadyCpu, passes(metricsBefore), steadyCpuAll);
        System.out.printf(Locale.ROOT, "  deleted: every FlinkDeployment gone %.2f s after the first delete, every Deployment %.2f s%n",
                seconds(lastGone - deleteStart), objectsGone);
        System.out.printf(Locale.ROOT, "  while deleting: CPU-seconds %s%n", deletionCpu);
        System.out.printf(Locale.ROOT, "  API server writes while deleting (every client): %s%n", deletionWrites);
        System.out.printf(Locale.ROOT, "  operator stopped by SIGTERM with exit code %d; machine load average (1, 5, 15 min) at the end: %s%n", exit,
                Files.readString(Path.of("/proc/loadavg")).trim().replaceAll("^(\\S+ \\S+ \\S+).*", "$1"));
    }

    /**
     * With {@code -Dbench.apiserver.profile=FILE}, the API server's CPU profile over the first seconds of creation
     * ({@code bench.apiserver.profile.seconds}, 5), for {@code go tool pprof -top FILE}; null without it.
     */
    private static Process profileApiServer(KubeControlPlane plane) throws java.io.IOException {
        String file = System.getProperty("bench.apiserver.profile", "");
        if (file.isBlank()) {
            return null;
        }
        String seconds = System.getProperty("bench.apiserver.profile.seconds", "5");
        return new ProcessBuilder("curl", "-sSk", "-o", file, "-H", "Authorization: Bearer " + plane.token(),
                plane.apiUrl() + "/debug/pprof/profile?seconds=" + seconds).inheritIO().start();
    }

    /** CPU seconds used so far by this JVM ("this benchmark") and each process it started (the control plane's and the operator), by command name. */
    private static Map<String, Double> processCpu() {
        Map<String, Double> cpu = new java.util.TreeMap<>();
        cpu.put("this benchmark", ProcessStats.cpuSeconds(ProcessHandle.current().pid()));
        ProcessHandle.current().children().forEach(child -> {
            String command = child.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?");
            cpu.merge(command.equals("java") ? "operator" : command, ProcessStats.cpuSeconds(child.pid()), Double::sum);
        });
        return cpu;
    }

    private static Map<String, Double> since(Map<String, Double> before) {
        Map<String, Double> used = new java.util.TreeMap<>();
        processCpu().forEach((command, now) -> used.put(command, Math.round((now - before.getOrDefault(command, 0.0)) * 100) / 100.0));
        return used;
    }

    private static String meanPass(String metrics) {
        Matcher sum = Pattern.compile("flinkop_reconcile_duration_seconds_sum\\{kind=\"FlinkDeployment\"\\} ([0-9.Ee+-]+)").matcher(metrics);
        Matcher count = Pattern.compile("flinkop_reconcile_duration_seconds_count\\{kind=\"FlinkDeployment\"\\} ([0-9]+)").matcher(metrics);
        return sum.find() && count.find() ? String.format(Locale.ROOT, "%.0f ms over %s passes", 1000 * Double.parseDouble(sum.group(1))
                / Long.parseLong(count.group(1)), count.group(1)) : "?";
    }

    /** Whether the benchmark's namespace holds none of what the controller manager makes for a cluster's Deployments and Services. */
    private static boolean nothingLeftOfClusters(KubernetesClient client) {
        return client.apps().replicaSets().inNamespace(NAMESPACE).list().getItems().isEmpty()
                && client.pods().inNamespace(NAMESPACE).list().getItems().isEmpty()
                && client.endpoints().inNamespace(NAMESPACE).list().getItems().isEmpty()
                && client.discovery().v1beta1().endpointSlices().inNamespace(NAMESPACE).list().getItems().isEmpty();
    }

    private static String name(int i) {
        return name("bench", i);
    }

    private static String name(String prefix, int i) {
        return String.format(Locale.ROOT, "%s-%04d", prefix, i);
    }

    /** {@code n} FlinkDeployments made from {@code template}, named {@code PREFIX-NNNN}. */
    private static List<GenericKubernetesResource> prepare(KubernetesClient client, GenericKubernetesResource template, String prefix, int n) {
        List<GenericKubernetesResource> resources = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            GenericKubernetesResource resource = client.getKubernetesSerialization().clone(template);
            resource.getMetadata().setName(name(prefix, i));
            resource.getMetadata().setNamespace(NAMESPACE);
            resources.add(resource);
        }
        return resources;
    }

    /** Creates the resources on 8 threads; when each create was sent. */
    private static long[] create(KubernetesClient client, List<GenericKubernetesResource> resources) throws Exception {
        long[] created = new long[resources.size()];
        parallel(resources.size(), i -> {
            created[i] = System.nanoTime();
            client.genericKubernetesResources(KubeWorld.FLINK_DEPLOYMENTS).inNamespace(NAMESPACE).resource(resources.get(i)).create();
        });
        return created;
    }

    /** Runs {@code action} for 0..n-1 on 8 threads, as that many clients of the API server would. */
    private static void parallel(int n, java.util.function.IntConsumer action) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                done.add(pool.submit(() -> action.accept(index)));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** The live heap: a full collection first (jcmd GC.run), then what the operator's own metrics report. */
    private static long heapAfterGc(OperatorProcess operator) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(operator.pid()), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gc.waitFor();
        Matcher heap = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\"\\} ([0-9]+)").matcher(operator.fetch("/metrics").body());
        return heap.find() ? Long.parseLong(heap.group(1)) : -1;
    }

    private static String passes(String metrics) {
        Matcher passes = Pattern.compile("flinkop_reconcile_passes_total\\{kind=\"FlinkDeployment\"\\} ([0-9]+)").matcher(metrics);
        Matcher failures = Pattern.compile("flinkop_reconcile_failures_total\\{kind=\"FlinkDeployment\",reason=\"([A-Z_]+)\"\\} ([0-9]+)").matcher(metrics);
        StringBuilder text = new StringBuilder(passes.find() ? passes.group(1) + " passes so far" : "no passes");
        while (failures.find()) {
            text.append(", ").append(failures.group(2)).append(" failed (").append(failures.group(1)).append(')');
        }
        return text.toString();
    }

    private static boolean all(int n, IntPredicate done) {
        for (int i = 0; i < n; i++) {
            if (!done.test(i)) {
                return false;
            }
        }
        return true;
    }

    private static void awaitUntil(String what, java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
        awaitUntil(what, condition, seconds, 20);
    }

    /** Looks every {@code pollMillis} until {@code condition} holds; fails after {@code seconds}. */
    private static void awaitUntil(String what, java.util.function.BooleanSupplier condition, int seconds, long pollMillis) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not happen within " + seconds + " s");
            }
            Thread.sleep(pollMillis);
        }
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
