package org.flinkop.testkit.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Points a container's Flink configuration at this machine, changing only what a pod network would have given
 * the process: every address Flink binds or advertises is 127.0.0.1; each port the configuration sets that the pod
 * declares ({@code rest.port}, {@code jobmanager.rpc.port}, {@code blob.server.port}, {@code taskmanager.rpc.port},
 * {@code high-availability.jobmanager.port}, where a JobManager with high availability listens)
 * is the pod's host port for it; {@code jobmanager.rpc.address}, a Service's DNS name, becomes the address and host
 * port of the pod behind that Service (a TaskManager waits until there is one, and gives up registering after
 * {@link #RESOLVED_REGISTRATION_TIMEOUT}, so that it is started again towards a JobManager that replaced it);
 * temporary directories (and a native application's artifact directory) are the pod's own; and image paths are
 * host paths (see {@link KubeletSettings#imageDirectories()}). The container's dynamic properties ({@code -D}),
 * which Flink reads over the file, are read with it and rewritten the same way. Everything else stays as the
 * operator (or, for the TaskManager pods of a native cluster, Flink's JobManager) wrote it.
 */
final class FlinkConfRewrite {

    private static final List<String> OWN_PORTS = List.of("rest.port", "jobmanager.rpc.port", "blob.server.port", "taskmanager.rpc.port",
            "high-availability.jobmanager.port");
    private static final List<String> LOOPBACK_KEYS = List.of("rest.address", "rest.bind-address", "jobmanager.bind-host", "taskmanager.bind-host",
            "taskmanager.host");
    private static final List<String> JAR_KEYS = List.of("pipeline.classpaths", "pipeline.jars");
    private static final Pattern IP = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
    /**
     * A Service takes a TaskManager that reconnects to the JobManager that replaced the one it first reached; here the
     * JobManager's host port is fixed when the TaskManager starts. So a TaskManager that cannot register gives up after
     * this long (unless its configuration says otherwise) and is started again, with the address resolved anew.
     */
    private static final String REGISTRATION_TIMEOUT = "taskmanager.registration.timeout";
    private static final String RESOLVED_REGISTRATION_TIMEOUT = "60 s";

    private final KubernetesClient client;
    private final PodAddresses addresses;

    FlinkConfRewrite(KubernetesClient client, PodAddresses addresses) {
        this.client = client;
        this.addresses = addresses;
    }

    /**
     * Copies {@code source} into {@code target} (emptied first) and rewrites the Flink configuration file there.
     * {@code dynamic} holds the container's dynamic properties ({@code -D}), which override the file: they are read
     * with it, and each that sets a key rewritten here gets the same value as the file, in place.
     *
     * @return why the configuration cannot be written yet (the JobManager's Service has no pod behind it), or empty
     */
    Optional<String> write(Path source, Path target, Pod pod, RunningPod running, Map<String, Path> files, Map<String, String> dynamic) throws IOException {
        recreate(target);
        Files.createDirectories(running.dir.resolve("tmp"));
        if (Files.isDirectory(source)) {
            try (Stream<Path> all = Files.list(source)) {
                for (Path file : all.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, target.resolve(file.getFileName()));
                }
            }
        }
        Path file = configFile(target);
        FlinkConfText conf = new FlinkConfText(Files.exists(file) ? Files.readString(file) : "");
        Map<String, String> values = new LinkedHashMap<>(conf.values());
        values.putAll(dynamic);
        Map<String, String> rewritten = new LinkedHashMap<>();
        for (String key : OWN_PORTS) {
            port(values.get(key)).filter(running.ports::containsKey).ifPresent(p -> rewritten.put(key, running.ports.get(p).toString()));
        }
        String jobManager = values.get("jobmanager.rpc.address");
        if (jobManager != null && !IP.matcher(jobManager).matches() && !"localhost".equals(jobManager)) {
            int servicePort = port(values.get("jobmanager.rpc.port")).orElse(6123);
            Optional<Integer> hostPort = resolve(pod, running, jobManager, servicePort);
            if (hostPort.isEmpty()) {
                return Optional.of("waiting for a running pod behind service " + jobManager + " port " + servicePort);
            }
            rewritten.put("jobmanager.rpc.port", hostPort.get().toString());
            if (!values.containsKey(REGISTRATION_TIMEOUT)) {
                rewritten.put(REGISTRATION_TIMEOUT, RESOLVED_REGISTRATION_TIMEOUT);
            }
        }
        rewritten.put("jobmanager.rpc.address", PodAddresses.LOOPBACK);
        LOOPBACK_KEYS.forEach(key -> rewritten.put(key, PodAddresses.LOOPBACK));
        rewritten.put("io.tmp.dirs", running.dir.resolve("tmp").toString());
        rewritten.put("web.tmpdir", running.dir.resolve("tmp").toString());
        // where a native application's JobManager puts the job's artifacts (the image's /opt/flink/artifacts)
        rewritten.put("user.artifacts.base-dir", running.dir.resolve("artifacts").toString());
        rewritten.forEach((key, value) -> {
            conf.set(key, value);
            dynamic.computeIfPresent(key, (k, old) -> value);
        });
        files.forEach((imagePath, host) -> {
            conf.replaceInValues(imagePath + "/", host + "/");
            dynamic.replaceAll((k, value) -> value.replace(imagePath + "/", host + "/"));
        });
        Files.writeString(file, conf.text());
        return Optional.empty();
    }

    /** The job's jars the configuration names ({@code pipeline.classpaths}, {@code pipeline.jars}) that are files on this machine. */
    List<Path> jobJars(Path conf) throws IOException {
        Path file = configFile(conf);
        Map<String, String> values = new FlinkConfText(Files.exists(file) ? Files.readString(file) : "").values();
        Set<Path> jars = new LinkedHashSet<>();
        for (String key : JAR_KEYS) {
            String value = values.get(key);
            if (value == null) {
                continue;
            }
            for (String element : value.replaceAll("^\\[|]$", "").split("[;,]")) {
                String uri = element.trim().replaceAll("^[\"']|[\"']$", "");
                if (uri.startsWith("file:") || uri.startsWith("local:")) {
                    Path jar = Path.of(URI.create(uri).getPath());
                    if (Files.isRegularFile(jar)) {
                        jars.add(jar);
                    }
                } else if (uri.startsWith("/") && Files.isRegularFile(Path.of(uri))) {
                    jars.add(Path.of(uri));
                }
            }
        }
        return new ArrayList<>(jars);
    }

    /** The host port of the pod behind {@code host} (a Service's DNS name) and {@code servicePort}: the pod's own when the Service selects it. */
    private Optional<Integer> resolve(Pod pod, RunningPod running, String host, int servicePort) {
        String name = host.replaceAll("\\.svc(\\.cluster\\.local)?\\.?$", "");
        String[] parts = name.split("\\.");
        String namespace = parts.length > 1 ? parts[1] : running.namespace;
        Service service = client.services().inNamespace(namespace).withName(parts[0]).get();
        if (service == null || service.getSpec().getSelector() == null) {
            return Optional.empty();
        }
        int target = service.getSpec().getPorts().stream().filter(p -> p.getPort() == servicePort).findFirst()
                .map(FlinkConfRewrite::targetPort).orElse(servicePort);
        Map<String, String> selector = service.getSpec().getSelector();
        Map<String, String> ownLabels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        if (namespace.equals(running.namespace) && ownLabels.entrySet().containsAll(selector.entrySet()) && running.ports.containsKey(target)) {
            return Optional.of(running.ports.get(target));
        }
        return addresses.hostPort(namespace, selector, target, true);
    }

    private static int targetPort(ServicePort port) {
        return port.getTargetPort() != null && port.getTargetPort().getIntVal() != null ? port.getTargetPort().getIntVal() : port.getPort();
    }

    private static Path configFile(Path conf) {
        return Files.exists(conf.resolve("config.yaml")) ? conf.resolve("config.yaml") : conf.resolve("flink-conf.yaml");
    }

    private static Optional<Integer> port(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Deletes {@code dir} with everything in it, then creates it empty. */
    static void recreate(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
    }
}
