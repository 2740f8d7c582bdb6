package org.flinkop.runtime.embedded.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.runtime.embedded.api.EmbeddedOperator;

/**
 * {@code flinkctl run}: the operator loop in the foreground on the work directory, printing each resource's state
 * as it changes, until Ctrl-C or SIGTERM. While it runs, the other commands on the directory go through it: it
 * serves them on 127.0.0.1 ({@link RunServer}) and says where in the {@link RunFile}. Local clusters keep running
 * after it stops and are found again by the next command.
 */
final class RunCommand {

    /** How long a signal waits for the operator to close (passes in flight finish within 30 s). */
    private static final long STOP_SECONDS = 60;

    private RunCommand() {
    }

    static int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        Path directory = Workspace.directory(args.value("dir"));
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        // on Ctrl-C (SIGINT) or SIGTERM the JVM runs this hook and exits once it returns, with 130 or 143 as for any
        // process a signal stops; the hook waits until the operator has closed and said so
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                finished.await(STOP_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "flinkctl-stop"));
        try {
            serve(directory, stop, out);
            return Flinkctl.OK;
        } finally {
            finished.countDown();
        }
    }

    private static void serve(Path directory, CountDownLatch stop, PrintStream out) throws Exception {
        try (EmbeddedOperator operator = Workspace.openHere(directory);
                RunServer server = RunServer.start(new LocalAccess(operator, false))) {
            server.file().write(directory);
            try {
                out.println("operator running on " + directory + " as process " + ProcessHandle.current().pid()
                        + "; the other commands on it go through it (Ctrl-C stops it; clusters keep running)");
                Map<ResourceKey, String> last = new ConcurrentHashMap<>();
                while (!stop.await(500, TimeUnit.MILLISECONDS)) {
                    printChanges(operator, last, out);
                }
            } finally {
                server.file().remove(directory);
            }
        }
        out.println("operator stopped");
    }

    private static void printChanges(EmbeddedOperator operator, Map<ResourceKey, String> last, PrintStream out) {
        for (ResourceKind kind : ResourceKind.values()) {
            for (FlinkResource r : operator.list(kind)) {
                String line = Settle.describe(r);
                if (!line.equals(last.put(ResourceKey.of(r), line))) {
                    out.println(LocalTime.now().withNano(0) + " " + Names.of(ResourceKey.of(r)) + ": " + line);
                }
            }
        }
    }
}
