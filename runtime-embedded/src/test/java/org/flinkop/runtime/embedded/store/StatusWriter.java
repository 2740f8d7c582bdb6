package org.flinkop.runtime.embedded.store;

import io.vavr.control.Either;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.flinkop.domain.decision.Action.EventType;
import org.flinkop.domain.decision.EventReason;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.store.RecordedEvent;

/**
 * The process {@link FileResourceStoreCrashIT} kills: opens the store in the folder given as the only argument,
 * then writes the status of every FlinkDeployment in it, over and over, each time with the next counter, until
 * it is killed. It says what it does on standard output, one line each, before and after every write:
 *
 * <pre>
 * opened PID
 * writing NAME COUNTER
 * wrote NAME COUNTER RESOURCE_VERSION
 * </pre>
 */
final class StatusWriter {

    private StatusWriter() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        Either<PortFailure, FileResourceStore> opened = FileResourceStore.open(Path.of(args[0]), Clock.fixed(StoreFixtures.T0, ZoneOffset.UTC));
        if (opened.isLeft()) {
            out.println("refused " + opened.getLeft());
            out.flush();
            System.exit(3);
        }
        FileResourceStore store = opened.get();
        say(out, "opened " + ProcessHandle.current().pid());
        while (true) {
            for (FlinkResource resource : store.list(ResourceKind.FLINK_DEPLOYMENT)) {
                FlinkDeployment deployment = (FlinkDeployment) resource;
                long next = deployment.status() == null ? 1 : deployment.status().observedGeneration() + 1;
                String name = deployment.metadata().name();
                say(out, "writing " + name + " " + next);
                FlinkResource written = store.writeStatus(deployment.withStatus(StoreFixtures.upgradingStatus(deployment, next)))
                        .getOrElseThrow(failure -> new IllegalStateException(failure.toString()));
                say(out, "wrote " + name + " " + next + " " + written.metadata().resourceVersion());
                if (next % 10 == 0) {
                    store.recordEvent(ResourceKey.of(deployment),
                            new RecordedEvent(StoreFixtures.T0.plusSeconds(next), EventReason.UPGRADE_WAITING, EventType.NORMAL, "at " + next));
                }
            }
        }
    }

    private static void say(PrintStream out, String line) {
        out.println(line);
        // the line must be in the pipe before the next step, since the process may die at any instruction
        out.flush();
    }
}
