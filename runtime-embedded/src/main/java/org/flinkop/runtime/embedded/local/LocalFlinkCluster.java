package org.flinkop.runtime.embedded.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Flink session cluster as local processes: one JobManager and {@code taskManagers} TaskManagers, started
 * from Flink's module jars (no distribution needed), bound to 127.0.0.1 on free ports, each process logging to
 * its own file under {@code workDir/log}. {@link #close()} stops the processes it started, by their handles
 * (never by name), and waits for them to exit.
 */
public final class LocalFlinkCluster implements AutoCloseable {

    /** The {@code --add-opens} list Flink's own scripts pass on Java 17. */
    private static final List<String> OPENS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");
    private static final String DEFAULT_LOG_CONFIGURATION = "log4j.properties";
    private static final int START_ATTEMPTS = 3;
    private static final String CONSOLE_LOG_CONFIGURATION = "log4j-console.properties";
    private static final Pattern SLOTS = Pattern.compile("\"slots-total\"\\s*:\\s*(\\d+)");

    private final Path workDir;
    private final URI restEndpoint;
    private final List<ProcessHandle> processes = new ArrayList<>();
    /** The name of each started process ({@code jobmanager}, {@code taskmanager-0}), as its log files are named. */
    private final List<String> names = new ArrayList<>();

    private LocalFlinkCluster(Path workDir, URI restEndpoint) {
        this.workDir = workDir;
        this.restEndpoint = restEndpoint;
    }

    /**
     * Starts a session cluster and returns once its REST API answers and every TaskManager slot is registered.
     *
     * @param classpath     the Flink jars ({@code scripts/flink-classpath.sh VERSION} resolves them)
     * @param workDir       where configuration, logs, temporary files and state go (created)
     * @param configuration extra Flink configuration (checkpoint and savepoint directories, intervals)
     */
    public static LocalFlinkCluster startSession(String classpath, Path workDir, int taskManagers, int slots, Map<String, String> configuration,
            Duration timeout) throws IOException, InterruptedException {
        return startSession(classpath, workDir, taskManagers, slots, configuration, Map.of(), timeout);
    }

    /**
     * Starts a session cluster as {@link #startSession(String, Path, int, int, Map, Duration)} does, with the
     * spec's {@code logConfiguration} files ({@code log4j-console.properties} configures every process's logging).
     */
    public static LocalFlinkCluster startSession(String classpath, Path workDir, int taskManagers, int slots, Map<String, String> configuration,
            Map<String, String> logConfiguration, Duration timeout) throws IOException, InterruptedException {
        return startSession(classpath, workDir, taskManagers, slots, configuration, logConfiguration, timeout, LocalFlinkCluster::freePort);
    }

    /** As above, with the JobManager's ports taken from {@code ports}. */
    static LocalFlinkCluster startSession(String classpath, Path workDir, int taskManagers, int slots, Map<String, String> configuration,
            Map<String, String> logConfiguration, Duration timeout, PortSource ports) throws IOException, InterruptedException {
        Path conf = workDir.resolve("conf");
        return launch(workDir, slots, configuration, logConfiguration, timeout, ports,
                cluster -> cluster.start(classpath, conf, "GET_JM_RESOURCE_PARAMS", "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                        "jobmanager"),
                cluster -> {
                    for (int i = 0; i < taskManagers; i++) {
                        cluster.start(classpath, conf, "GET_TM_RESOURCE_PARAMS", "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", "taskmanager-" + i);
                    }
                    cluster.awaitSlots(taskManagers * slots, timeout);
                });
    }

    /**
     * The job of an application cluster.
     *
     * @param jar                   the job jar, put on the classpath of every process
     * @param mainClass             its entry class
     * @param jobId                 the fixed 32-hex job id
     * @param restorePath           a savepoint or checkpoint to restore from, or null for empty state
     * @param allowNonRestoredState whether state no operator claims may be skipped
     * @param args                  program arguments
     */
    public record ApplicationJob(Path jar, String mainClass, String jobId, String restorePath, boolean allowNonRestoredState, List<String> args) {
    }

    /**
     * Starts an application cluster running {@code job} and returns once its REST API answers and every TaskManager
     * slot is registered (the job itself may still be starting).
     */
    public static LocalFlinkCluster startApplication(String classpath, ApplicationJob job, Path workDir, int taskManagers, int slots,
            Map<String, String> configuration, Duration timeout) throws IOException, InterruptedException {
        return startApplication(classpath, job, workDir, taskManagers, slots, configuration, Map.of(), timeout);
    }

    /** Starts an application cluster as above, with the spec's {@code logConfiguration} files. */
    public static LocalFlinkCluster startApplication(String classpath, ApplicationJob job, Path workDir, int taskManagers, int slots,
            Map<String, String> configuration, Map<String, String> logConfiguration, Duration timeout) throws IOException, InterruptedException {
        Path conf = workDir.resolve("conf");
        String withJob = classpath + java.io.File.pathSeparator + job.jar();
        List<String> arguments = new ArrayList<>(List.of("--job-classname", job.mainClass(), "--job-id", job.jobId()));
        if (job.restorePath() != null) {
            arguments.add("--fromSavepoint");
            arguments.add(job.restorePath());
        }
        if (job.allowNonRestoredState()) {
            arguments.add("--allowNonRestoredState");
        }
        arguments.addAll(job.args());
        return launch(workDir, slots, configuration, logConfiguration, timeout, LocalFlinkCluster::freePort,
                cluster -> cluster.start(classpath, withJob, conf, "GET_JM_RESOURCE_PARAMS",
                        "org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint", "jobmanager", arguments),
                cluster -> {
                    for (int i = 0; i < taskManagers; i++) {
                        cluster.start(classpath, withJob, conf, "GET_TM_RESOURCE_PARAMS", "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                                "taskmanager-" + i, List.of());
                    }
                    cluster.awaitSlots(taskManagers * slots, timeout);
                });
    }

    /** Where the JobManager's ports come from: a free loopback port each, outside tests. */
    interface PortSource {
        int next() throws IOException;
    }

    /** One step of starting a cluster. */
    private interface Step {
        void run(LocalFlinkCluster cluster) throws IOException, InterruptedException;
    }

    /**
     * Configures the cluster, starts its JobManager and waits for its REST API, then runs {@code taskManagers}. A
     * port chosen free can be taken by another process before the JobManager binds it; a JobManager that exits
     * because one of its ports is taken is started again on new ports, up to {@value #START_ATTEMPTS} times, its
     * logs set aside in {@code log/attempt-N}. Anything that fails stops every process started.
     */
    private static LocalFlinkCluster launch(Path workDir, int slots, Map<String, String> configuration, Map<String, String> logConfiguration,
            Duration timeout, PortSource ports, Step jobManager, Step taskManagers) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            LocalFlinkCluster cluster = configure(workDir, slots, configuration, logConfiguration, ports);
            try {
                jobManager.run(cluster);
                cluster.awaitRest(timeout);
                taskManagers.run(cluster);
                return cluster;
            } catch (PortTaken e) {
                cluster.close();
                if (attempt == START_ATTEMPTS) {
                    throw e;
                }
                cluster.setLogsAside(attempt);
            } catch (IOException | InterruptedException | RuntimeException e) {
                cluster.close();
                throw e;
            }
        }
    }

    /** A Flink process exited because a port it was configured to bind was taken. */
    static final class PortTaken extends IOException {
        PortTaken(String message) {
            super(message);
        }
    }

    private void setLogsAside(int attempt) throws IOException {
        Path aside = Files.createDirectories(logDirectory().resolve("attempt-" + attempt));
        try (var files = Files.list(logDirectory())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.move(file, aside.resolve(file.getFileName()));
            }
        }
    }

    /**
     * Writes the configuration and log configuration of a cluster in {@code workDir}, on free loopback ports. The
     * spec's log configuration files go next to Flink's configuration, as in a Flink image; its
     * {@code log4j-console.properties} replaces the default, and what it writes to the console lands in the
     * process's own {@code .out} file.
     */
    private static LocalFlinkCluster configure(Path workDir, int slots, Map<String, String> configuration, Map<String, String> logConfiguration,
            PortSource ports) throws IOException {
        Path conf = Files.createDirectories(workDir.resolve("conf"));
        Files.createDirectories(workDir.resolve("log"));
        Files.createDirectories(workDir.resolve("tmp"));
        Files.createDirectories(workDir.resolve("upload"));
        int restPort = ports.next();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("jobmanager.rpc.address", "127.0.0.1");
        config.put("jobmanager.rpc.port", Integer.toString(ports.next()));
        config.put("jobmanager.bind-host", "127.0.0.1");
        config.put("jobmanager.memory.process.size", "768m");
        config.put("taskmanager.bind-host", "127.0.0.1");
        config.put("taskmanager.host", "127.0.0.1");
        config.put("taskmanager.rpc.port", "0");
        config.put("taskmanager.data.port", "0");
        config.put("taskmanager.numberOfTaskSlots", Integer.toString(slots));
        config.put("taskmanager.memory.process.size", "1024m");
        config.put("rest.address", "127.0.0.1");
        config.put("rest.bind-address", "127.0.0.1");
        config.put("rest.port", Integer.toString(restPort));
        // any free port: TaskManagers learn it when they register with a job's JobMaster
        config.put("blob.server.port", "0");
        config.put("io.tmp.dirs", workDir.resolve("tmp").toString());
        config.put("web.upload.dir", workDir.resolve("upload").toString());
        config.put("parallelism.default", "1");
        config.put("cluster.registration.error-delay", "1000");
        // the REST job-details cache hides state changes for 3 s by default
        config.put("web.refresh-interval", "200");
        config.putAll(configuration);
        StringBuilder yaml = new StringBuilder();
        config.forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
        Files.writeString(conf.resolve("config.yaml"), yaml);
        for (Map.Entry<String, String> file : logConfiguration.entrySet()) {
            Files.writeString(conf.resolve(Path.of(file.getKey()).getFileName().toString()), file.getValue());
        }
        Files.writeString(conf.resolve(DEFAULT_LOG_CONFIGURATION), """
                rootLogger.level = INFO
                rootLogger.appenderRef.file.ref = MainAppender
                appender.main.name = MainAppender
                appender.main.type = File
                appender.main.append = true
                appender.main.fileName = ${sys:log.file}
                appender.main.layout.type = PatternLayout
                appender.main.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-50c{1.} - %m%n
                """);
        return new LocalFlinkCluster(workDir, URI.create("http://127.0.0.1:" + restPort));
    }

    public URI restEndpoint() {
        return restEndpoint;
    }

    public Path logDirectory() {
        return workDir.resolve("log");
    }

    /**
     * The processes of a cluster started earlier in {@code workDir}, by this or another operator process (one that
     * may have died while starting them): every process that runs with that directory's configuration, found
     * among all processes of the machine. Empty when its JobManager no longer runs; then whatever is left of it
     * (TaskManagers) is stopped.
     */
    public static java.util.Optional<LocalFlinkCluster> adopt(Path workDir) {
        List<ProcessHandle> found = ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(p -> isOurs(p, workDir)).toList();
        java.util.Optional<ProcessHandle> jobManager = found.stream().filter(p -> commandLine(p).stream().anyMatch(a -> a.endsWith("ClusterEntrypoint")
                || a.endsWith("ClusterEntryPoint"))).findFirst();
        URI endpoint = restEndpoint(workDir);
        LocalFlinkCluster cluster = new LocalFlinkCluster(workDir, endpoint == null ? URI.create("http://127.0.0.1:0") : endpoint);
        jobManager.ifPresent(cluster.processes::add);
        found.stream().filter(p -> jobManager.map(jm -> jm.pid() != p.pid()).orElse(true)).forEach(cluster.processes::add);
        if (jobManager.isEmpty() || endpoint == null) {
            cluster.close();
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(cluster);
    }

    /** The REST endpoint the cluster's configuration names, or null when it was never written. */
    private static URI restEndpoint(Path workDir) {
        try {
            return Files.readAllLines(workDir.resolve("conf").resolve("config.yaml")).stream().filter(l -> l.startsWith("rest.port: "))
                    .map(l -> URI.create("http://127.0.0.1:" + l.substring("rest.port: ".length()).trim())).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static List<String> commandLine(ProcessHandle process) {
        // the JDK gives no arguments for command lines as long as Flink's, so read them where Linux keeps them
        Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        try {
            if (Files.isReadable(cmdline)) {
                return List.of(Files.readString(cmdline).split("\u0000"));
            }
        } catch (IOException e) {
            return List.of();
        }
        return process.info().arguments().map(List::of).orElse(List.of());
    }

    private static boolean isOurs(ProcessHandle process, Path workDir) {
        return commandLine(process).contains(workDir.resolve("conf").toString());
    }

    public Path workDir() {
        return workDir;
    }

    /** Whether the JobManager process still runs. */
    public boolean jobManagerAlive() {
        return !processes.isEmpty() && processes.get(0).isAlive();
    }

    /** Completes when the JobManager process exits, for whatever reason. */
    public java.util.concurrent.CompletableFuture<ProcessHandle> jobManagerExit() {
        return processes.isEmpty() ? java.util.concurrent.CompletableFuture.completedFuture(null) : processes.get(0).onExit();
    }

    /** The process ids of the cluster's processes, JobManager first. */
    public List<Long> pids() {
        return processes.stream().map(ProcessHandle::pid).toList();
    }

    private void start(String classpath, Path conf, String resourceParams, String mainClass, String name) throws IOException, InterruptedException {
        start(classpath, classpath, conf, resourceParams, mainClass, name, List.of());
    }

    private void start(String utilsClasspath, String classpath, Path conf, String resourceParams, String mainClass, String name, List<String> arguments)
            throws IOException, InterruptedException {
        List<String> params = javaUtils(utilsClasspath, conf, resourceParams);
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(split(params.get(0)));
        command.addAll(OPENS);
        command.add("-Dlog.file=" + workDir.resolve("log").resolve(name + ".log"));
        Path console = conf.resolve(CONSOLE_LOG_CONFIGURATION);
        command.add("-Dlog4j.configurationFile=file:" + (Files.exists(console) ? console : conf.resolve(DEFAULT_LOG_CONFIGURATION)));
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.add("--configDir");
        command.add(conf.toString());
        command.addAll(split(params.get(1)));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("log").resolve(name + ".out").toFile())
                .start();
        processes.add(process.toHandle());
        names.add(name);
    }

    /** JVM flags and dynamic memory properties, computed as Flink's start scripts compute them. */
    private static List<String> javaUtils(String classpath, Path conf, String command) throws IOException, InterruptedException {
        Process utils = new ProcessBuilder(javaExecutable(), "-cp", classpath, "org.apache.flink.runtime.util.bash.BashJavaUtils", command, "--configDir", conf.toString())
                .redirectErrorStream(true).start();
        String output = new String(utils.getInputStream().readAllBytes());
        if (!utils.waitFor(60, TimeUnit.SECONDS) || utils.exitValue() != 0) {
            utils.destroyForcibly();
            throw new IOException("BashJavaUtils " + command + " failed: " + output);
        }
        List<String> results = output.lines().filter(l -> l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
                .map(l -> l.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length())).toList();
        if (results.size() < 2) {
            throw new IOException("BashJavaUtils " + command + " gave no parameters: " + output);
        }
        return results;
    }

    private void awaitRest(Duration timeout) throws IOException, InterruptedException {
        awaitOverview(timeout, body -> true, "the JobManager's REST API");
    }

    private void awaitSlots(int slots, Duration timeout) throws IOException, InterruptedException {
        awaitOverview(timeout, body -> {
            Matcher m = SLOTS.matcher(body);
            return m.find() && Integer.parseInt(m.group(1)) >= slots;
        }, slots + " TaskManager slots");
    }

    private void awaitOverview(Duration timeout, java.util.function.Predicate<String> ready, String what) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long attempts = Math.max(1, timeout.toMillis() / 100);
        for (long i = 0; i < attempts; i++) {
            for (int p = 0; p < processes.size(); p++) {
                if (!processes.get(p).isAlive()) {
                    throw exited(p, what);
                }
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(restEndpoint.resolve("/overview")).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && ready.test(response.body())) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IOException("no " + what + " within " + timeout + "; see " + logDirectory());
    }

    /**
     * Why a process exited while starting: the first error lines and causes in its log and the end of its console output,
     * so the cause shows where the failure is reported. {@link PortTaken} when a port it binds was taken.
     */
    private IOException exited(int index, String what) {
        ProcessHandle process = processes.get(index);
        String name = index < names.size() ? names.get(index) : "jobmanager";
        List<String> log = lines(logDirectory().resolve(name + ".log"));
        List<String> out = lines(logDirectory().resolve(name + ".out"));
        List<String> errors = java.util.stream.Stream.concat(log.stream().filter(l -> l.contains(" ERROR ")).limit(3),
                log.stream().filter(l -> l.startsWith("Caused by: ")).limit(6)).toList();
        List<String> tail = out.subList(Math.max(0, out.size() - 8), out.size()).stream().filter(l -> !errors.contains(l)).toList();
        String message = "the Flink " + name + " (pid " + process.pid() + ") exited while waiting for " + what + "; see " + logDirectory()
                + (errors.isEmpty() ? "" : "\n  " + name + ".log:\n    " + String.join("\n    ", errors))
                + (tail.isEmpty() ? "" : "\n  " + name + ".out:\n    " + String.join("\n    ", tail));
        boolean portTaken = java.util.stream.Stream.concat(log.stream(), out.stream())
                .anyMatch(l -> l.contains("Address already in use") || l.contains("BindException"));
        return portTaken ? new PortTaken(message) : new IOException(message);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, java.nio.charset.StandardCharsets.ISO_8859_1) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Stops the TaskManagers, then the JobManager, each by its own process handle, and waits for them to exit. */
    @Override
    public void close() {
        List<ProcessHandle> reversed = new ArrayList<>(processes);
        java.util.Collections.reverse(reversed);
        reversed.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : reversed) {
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
        processes.clear();
        names.clear();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static List<String> split(String flags) {
        return flags.isBlank() ? List.of() : List.of(flags.trim().split("\\s+"));
    }
}
