package org.flinkop.runtime.operator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator as its own JVM ({@code java ... OperatorMain}), as the image runs it: started with a configuration
 * file and a kubeconfig, its output in files under target/, stopped by its process id (SIGTERM first, as the
 * kubelet does; SIGKILL only if it does not stop).
 */
final class OperatorProcess implements AutoCloseable {

    private final Process process;
    private final Thread stopOnExit;
    private final Path stdout;
    private final Path stderr;
    private final int port;

    private OperatorProcess(Process process, Path stdout, Path stderr, int port) {
        this.process = process;
        // a test run or benchmark that ends without closing this still stops the operator, by its process id
        this.stopOnExit = new Thread(process::destroy, "stop-operator-" + process.pid());
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        this.stdout = stdout;
        this.stderr = stderr;
        this.port = port;
    }

    /**
     * @param settings    written to a YAML configuration file; {@code port} is set to a free port of 127.0.0.1 unless given
     * @param environment added to the child's environment
     * @param jvmOptions  options for the child JVM, such as -Xmx
     */
    static OperatorProcess start(Path dir, Path kubeconfig, Map<String, String> settings, Map<String, String> environment, List<String> jvmOptions) {
        return start(dir, kubeconfig, settings, environment, jvmOptions, System.getProperty("java.class.path"));
    }

    /** As above, the operator's JVM running from {@code classpath}. */
    static OperatorProcess start(Path dir, Path kubeconfig, Map<String, String> settings, Map<String, String> environment, List<String> jvmOptions,
            String classpath) {
        return start(OperatorMain.class, dir, kubeconfig, settings, environment, jvmOptions, classpath);
    }

    /** As above, with another main class that runs {@link OperatorMain} (one that fakes Flink, say). */
    static OperatorProcess start(Class<?> main, Path dir, Path kubeconfig, Map<String, String> settings, Map<String, String> environment,
            List<String> jvmOptions, String classpath) {
        try {
            Files.createDirectories(dir);
            int port = settings.containsKey("kubernetes.operator.health.probe.port") ? Integer.parseInt(settings.get("kubernetes.operator.health.probe.port"))
                    : freePort();
            StringBuilder yaml = new StringBuilder();
            settings.forEach((key, value) -> yaml.append(key).append(": \"").append(value).append("\"\n"));
            if (!settings.containsKey("kubernetes.operator.health.probe.port")) {
                yaml.append("kubernetes.operator.health.probe.port: ").append(port).append('\n');
            }
            Path config = dir.resolve("operator.yaml");
            Files.writeString(config, yaml);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", classpath, main.getName(), "--config", config.toString(),
                    "--kubeconfig", kubeconfig.toString()));
            Path out = dir.resolve("stdout.log");
            Path err = dir.resolve("stderr.log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            return new OperatorProcess(builder.start(), out, err, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits for the process to exit on its own and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the operator process " + pid() + " did not exit within " + timeout.toSeconds() + " s");
        }
        return process.exitValue();
    }

    /** Sends SIGTERM to the process, by its id, and returns its exit code once it stopped. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return awaitExit(timeout);
    }

    /** Sends SIGKILL to the process, by its id, as a node that dies would, and returns its exit code. */
    int kill(Duration timeout) throws InterruptedException {
        process.destroyForcibly();
        return awaitExit(timeout);
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    /** The status code of GET {@code path} on the operator's endpoints, or -1 while nothing answers. */
    int get(String path) {
        HttpResponse<String> response = fetch(path);
        return response == null ? -1 : response.statusCode();
    }

    /** GET {@code path} on the operator's endpoints; null while nothing answers. */
    HttpResponse<String> fetch(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or ran) already
        }
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }
}
