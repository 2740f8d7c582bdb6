package org.flinkop.runtime.embedded.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * flinkctl as a user runs it, for the integration tests: each command a JVM of its own on the test's classpath,
 * and the keyed-state job's FlinkDeployment documents they apply.
 */
final class ChildFlinkctl {

    private ChildFlinkctl() {
    }

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    /** Runs a command to its end (at most 15 minutes) and returns what it printed. */
    static Result run(String... args) throws IOException, InterruptedException {
        Process process = start(args);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errors = new Thread(() -> {
            try {
                process.getErrorStream().transferTo(err);
            } catch (IOException e) {
                // the process ended
            }
        });
        errors.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        errors.join();
        return new Result(process.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    }

    /** Starts a command; the caller reads its output. */
    static Process start(String... args) throws IOException {
        return builder(args).start();
    }

    /** Starts a command whose output goes to {@code out} and {@code err}, for one that runs on beside the test. */
    static Process start(Path out, Path err, String... args) throws IOException {
        return builder(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    private static ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"), Flinkctl.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /**
     * A FlinkDeployment of the keyed-state job with its state under {@code work}.
     *
     * @param spelling the flinkVersion ({@code v1_20})
     * @param args     the job's arguments, as a YAML list
     * @param extraConfiguration more flinkConfiguration lines, each indented by four spaces
     */
    static String document(Path work, String spelling, String name, int parallelism, String mode, String args, String extraConfiguration) {
        String jar = Path.of(System.getProperty("flinkop.keyed-count-job", "target/keyed-count-job.jar")).toUri().toString();
        return """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata:
                  name: %s
                spec:
                  flinkVersion: %s
                  flinkConfiguration:
                    taskmanager.numberOfTaskSlots: "2"
                    execution.checkpointing.interval: 1s
                    execution.checkpointing.dir: %s
                    execution.checkpointing.savepoint-dir: %s
                %s  jobManager:
                    resource: {memory: "768m", cpu: 1}
                  taskManager:
                    resource: {memory: "1024m", cpu: 1}
                  job:
                    jarURI: %s
                    entryClass: org.flinkop.runtime.embedded.fixture.KeyedCountJob
                    args: %s
                    parallelism: %d
                    upgradeMode: %s
                """.formatted(name, spelling, "file://" + work.resolve("state/checkpoints").toAbsolutePath(),
                "file://" + work.resolve("state/savepoints").toAbsolutePath(), extraConfiguration, jar, args, parallelism, mode);
    }

    /** The processes whose command line names a path under {@code root}: the local clusters of a work directory. */
    static List<Long> processesUnder(Path root) {
        String prefix = root.toString();
        return ProcessHandle.allProcesses().filter(p -> cmdline(p).contains(prefix)).map(ProcessHandle::pid).toList();
    }

    static String cmdline(ProcessHandle p) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** Resolves this Flink version's jars once into the shared cache. */
    static void resolveFlink(String version) throws IOException, InterruptedException {
        Process resolve = new ProcessBuilder("bash", Path.of(System.getProperty("flinkop.root", "..")).resolve("scripts/flink-classpath.sh").toString(), version)
                .redirectErrorStream(true).start();
        resolve.getInputStream().readAllBytes();
        if (!resolve.waitFor(10, TimeUnit.MINUTES) || resolve.exitValue() != 0) {
            throw new IllegalStateException("scripts/flink-classpath.sh " + version + " failed");
        }
    }
}
