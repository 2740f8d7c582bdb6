package org.flinkop.testkit.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.KeyToPathBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts a Flink container of a pod as a local JVM, the way Flink's image entrypoint would start it in the
 * container: the pod's ConfigMap volumes written under the pod's directory, Flink's configuration copied into the
 * container's own directory and pointed at this machine (see {@link FlinkConfRewrite}), the JVM's memory flags
 * from Flink's {@code BashJavaUtils}, the entry class the container's command names (see {@link FlinkEntrypoint}), the
 * container's environment, access to the API server as the pod's service account (see {@link ServiceAccountAccess}),
 * and its console appended to {@code POD_DIR/CONTAINER.out}.
 */
final class ContainerLauncher {

    static final String CONF_DIR = "/opt/flink/conf";
    /** The {@code --add-opens} list Flink's own scripts pass on Java 17. */
    private static final List<String> OPENS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private final KubernetesClient client;
    private final KubeletSettings settings;
    private final FlinkReleases releases;
    private final FlinkConfRewrite rewrite;
    private final ServiceAccountAccess access;

    ContainerLauncher(KubernetesClient client, KubeletSettings settings, FlinkConfRewrite rewrite) {
        this.client = client;
        this.access = new ServiceAccountAccess(client);
        this.settings = settings;
        this.releases = new FlinkReleases(settings.flinkCache());
        this.rewrite = rewrite;
    }

    /** A started process, or why the container waits: a Kubernetes waiting reason, a message, and whether trying again may help. */
    record Launch(Process process, String reason, String message, boolean retry) {
        static Launch waiting(String reason, String message, boolean retry) {
            return new Launch(null, reason, message, retry);
        }
    }

    Launch launch(Pod pod, Container container, RunningPod running) {
        Optional<FlinkEntrypoint.Start> start = FlinkEntrypoint.of(container.getCommand(), container.getArgs());
        if (start.isEmpty()) {
            return Launch.waiting("CreateContainerError", "the process kubelet runs Flink's image entrypoint with jobmanager, standalone-job or"
                    + " taskmanager, or Flink's kubernetes-jobmanager.sh or kubernetes-taskmanager.sh, not " + container.getCommand() + " "
                    + container.getArgs(), false);
        }
        FlinkEntrypoint entrypoint = start.get().entrypoint();
        FlinkReleases.Result release = releases.classpath(container.getImage(), pod.getMetadata().getAnnotations());
        if (release.failure() != null) {
            return Launch.waiting("ErrImagePull", release.failure(), false);
        }
        try {
            Map<String, Path> files = fileSystem(pod, container, running);
            Path conf = running.dir.resolve(container.getName()).resolve("conf");
            Map<String, String> env = environment(pod, container, conf);
            DynamicProperties properties = new DynamicProperties(args(start.get().args(), env, files));
            Map<String, String> dynamic = properties.values();
            Optional<String> unresolved = rewrite.write(files.getOrDefault(CONF_DIR, running.dir.resolve("empty-conf")), conf, pod, running, files, dynamic);
            if (unresolved.isPresent()) {
                return Launch.waiting("ContainerCreating", unresolved.get(), true);
            }
            Optional<Path> kubeconfig;
            try {
                kubeconfig = access.kubeconfig(pod, running);
            } catch (IOException e) {
                return Launch.waiting("CreateContainerConfigError", e.getMessage(), true);
            }
            kubeconfig.ifPresent(file -> env.putIfAbsent(ServiceAccountAccess.KUBECONFIG, file.toString()));
            // a standalone image has the job's jars on Flink's classpath; a native JobManager loads them itself, its TaskManagers from the blob server
            String classpath = release.classpath() + (entrypoint.argumentsAreProperties() ? ""
                    : rewrite.jobJars(conf).stream().map(jar -> File.pathSeparator + jar).reduce("", String::concat));
            List<String> command = command(entrypoint, classpath, conf, running.dir.resolve(container.getName() + ".log"), properties.with(dynamic));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(running.dir.resolve(container.getName() + ".out").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            // never the credentials of the JVM running the kubelet: only the pod's own
            builder.environment().remove(ServiceAccountAccess.KUBECONFIG);
            builder.environment().putAll(env);
            return new Launch(builder.start(), null, null, false);
        } catch (IOException e) {
            return Launch.waiting("RunContainerError", e.getMessage(), true);
        }
    }

    /** Where each directory the container sees is on this machine: the settings' image directories, then the pod's volume mounts. */
    private Map<String, Path> fileSystem(Pod pod, Container container, RunningPod running) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>(settings.imageDirectories());
        List<VolumeMount> mounts = container.getVolumeMounts() == null ? List.of() : container.getVolumeMounts();
        List<Volume> volumes = pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes();
        for (VolumeMount mount : mounts) {
            Optional<Volume> volume = volumes.stream().filter(v -> v.getName().equals(mount.getName())).findFirst();
            if (volume.isEmpty()) {
                continue;
            }
            Path host = running.dir.resolve("volumes").resolve(mount.getName());
            if (volume.get().getHostPath() != null) {
                host = Path.of(volume.get().getHostPath().getPath());
            } else {
                Files.createDirectories(host);
                if (volume.get().getConfigMap() != null) {
                    writeConfigMap(running.namespace, volume.get().getConfigMap(), host);
                }
            }
            files.put(mount.getMountPath(), host);
        }
        return files;
    }

    /** The ConfigMap's keys as files: each of the volume's items at its path, or every key when it lists none. */
    private void writeConfigMap(String namespace, ConfigMapVolumeSource source, Path dir) throws IOException {
        ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(source.getName()).get();
        if (configMap == null) {
            throw new IOException("configmap \"" + source.getName() + "\" not found");
        }
        Map<String, String> data = configMap.getData() == null ? Map.of() : configMap.getData();
        List<KeyToPath> items = source.getItems() == null || source.getItems().isEmpty()
                ? data.keySet().stream().map(key -> new KeyToPathBuilder().withKey(key).withPath(key).build()).toList() : source.getItems();
        for (KeyToPath item : items) {
            String content = data.get(item.getKey());
            if (content == null) {
                throw new IOException("configmap \"" + source.getName() + "\" has no key \"" + item.getKey() + "\"");
            }
            Path file = dir.resolve(item.getPath());
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        }
    }

    /** The container's variables (values, and the pod's own fields a real kubelet fills in) over this JVM's environment. */
    private Map<String, String> environment(Pod pod, Container container, Path conf) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar variable : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
            if (variable.getValue() != null) {
                env.put(variable.getName(), variable.getValue());
            } else if (variable.getValueFrom() != null && variable.getValueFrom().getFieldRef() != null) {
                String field = variable.getValueFrom().getFieldRef().getFieldPath();
                String value = switch (field) {
                    case "status.podIP", "status.hostIP" -> PodAddresses.LOOPBACK;
                    case "metadata.name" -> pod.getMetadata().getName();
                    case "metadata.namespace" -> pod.getMetadata().getNamespace();
                    case "spec.nodeName" -> settings.nodeName();
                    default -> null;
                };
                if (value != null) {
                    env.put(variable.getName(), value);
                }
            }
        }
        env.put("FLINK_CONF_DIR", conf.toString());
        return env;
    }

    /** The arguments with {@code $(VAR)} expanded from the container's environment and image paths made host paths. */
    private static List<String> args(List<String> args, Map<String, String> env, Map<String, Path> files) {
        List<String> expanded = new ArrayList<>();
        for (String arg : args) {
            String value = arg;
            for (Map.Entry<String, String> variable : env.entrySet()) {
                value = value.replace("$(" + variable.getKey() + ")", variable.getValue());
            }
            for (Map.Entry<String, Path> dir : files.entrySet()) {
                value = value.replace(dir.getKey() + "/", dir.getValue() + "/");
            }
            expanded.add(value);
        }
        return expanded;
    }

    /**
     * The JVM's command line, as Flink's start script for the entry point builds it: memory flags and memory
     * properties from {@code BashJavaUtils} (which sees the native scripts' {@code -D} arguments too), then the
     * entry class with its arguments (see {@link FlinkEntrypoint.Arguments}).
     */
    private static List<String> command(FlinkEntrypoint entrypoint, String classpath, Path conf, Path logFile, List<String> args) throws IOException {
        List<String> params = javaUtils(classpath, conf, entrypoint.resourceParams(), entrypoint.argumentsAreProperties() ? args : List.of());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(split(params.get(0)));
        command.addAll(OPENS);
        command.add("-Dlog.file=" + logFile);
        Path console = conf.resolve("log4j-console.properties");
        command.add("-Dlog4j.configurationFile=file:" + (Files.exists(console) ? console : conf.resolve("log4j.properties")));
        command.addAll(List.of("-cp", classpath, entrypoint.mainClass()));
        switch (entrypoint.arguments()) {
            case STANDALONE -> {
                command.addAll(List.of("--configDir", conf.toString()));
                command.addAll(split(params.get(1)));
            }
            case NATIVE_JOB_MANAGER -> command.addAll(split(params.get(1)));
            case NATIVE_TASK_MANAGER -> command.addAll(List.of("--configDir", conf.toString()));
        }
        command.addAll(args);
        return command;
    }

    /** JVM flags and dynamic memory properties, computed as Flink's start scripts compute them. */
    private static List<String> javaUtils(String classpath, Path conf, String what, List<String> properties) throws IOException {
        List<String> utilsCommand = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                "org.apache.flink.runtime.util.bash.BashJavaUtils", what, "--configDir", conf.toString()));
        utilsCommand.addAll(properties);
        Process utils = new ProcessBuilder(utilsCommand).redirectErrorStream(true).start();
        String output = new String(utils.getInputStream().readAllBytes());
        try {
            if (!utils.waitFor(60, TimeUnit.SECONDS) || utils.exitValue() != 0) {
                utils.destroyForcibly();
                throw new IOException("BashJavaUtils " + what + " failed: " + output);
            }
        } catch (InterruptedException e) {
            utils.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while computing " + what, e);
        }
        List<String> results = output.lines().filter(l -> l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
                .map(l -> l.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length())).toList();
        if (results.size() < 2) {
            throw new IOException("BashJavaUtils " + what + " gave no parameters: " + output);
        }
        return results;
    }

    private static List<String> split(String flags) {
        return flags.isBlank() ? List.of() : List.of(flags.trim().split("\\s+"));
    }
}
