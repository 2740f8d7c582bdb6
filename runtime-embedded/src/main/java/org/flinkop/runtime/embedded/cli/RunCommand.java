package org.flinkop.runtime.embedded.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.runtime.embedded.api.EmbeddedOperator;

/**
 * {@code flinkctl run}: the operator loop in the foreground on the work directory, printing each resource's state
 * as it changes, until interrupted (Ctrl-C). Local clusters keep running after it stops and are found again by
 * the next command.
 */
final class RunCommand {

    private RunCommand() {
    }

    static int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        Path directory = Workspace.directory(args.value("dir"));
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        // on Ctrl-C (SIGINT) or SIGTERM the JVM waits for this hook, which waits for the operator to close cleanly
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "flinkctl-stop"));
        try (EmbeddedOperator operator = Workspace.open(directory)) {
            Map<ResourceKey, String> last = new ConcurrentHashMap<>();
            out.println("operator running on " + directory + " (Ctrl-C stops it; clusters keep running)");
            while (!stop.await(500, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                for (ResourceKind kind : ResourceKind.values()) {
                    for (FlinkResource r : operator.list(kind)) {
                        String line = Settle.describe(r);
                        if (!line.equals(last.put(ResourceKey.of(r), line))) {
                            out.println(java.time.LocalTime.now().withNano(0) + " " + Names.of(ResourceKey.of(r)) + ": " + line);
                        }
                    }
                }
            }
        } finally {
            stopped.countDown();
        }
        out.println("operator stopped");
        return Flinkctl.OK;
    }
}
