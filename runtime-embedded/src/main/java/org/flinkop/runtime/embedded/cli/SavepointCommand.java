package org.flinkop.runtime.embedded.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.FlinkStateSnapshot;
import org.flinkop.domain.resource.ResourceKey;

/**
 * {@code flinkctl savepoint [KIND] NAME [-n NAMESPACE] [--timeout 10m]}: creates a FlinkStateSnapshot of the job
 * and runs the operator until it has a path (printed) or failed (exit code 1).
 */
final class SavepointCommand {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private SavepointCommand() {
    }

    static int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        Duration timeout = Durations.parse(args.value("timeout").orElse("10m"));
        try (OperatorAccess operator = Workspace.open(Workspace.directory(args.value("dir")), err)) {
            FlinkResource job = Lookup.one(operator, args.positional(), args.value("namespace"), "savepoint needs [KIND] NAME");
            if (job instanceof FlinkStateSnapshot) {
                throw new Arguments.UsageException("savepoint takes a FlinkDeployment or a FlinkSessionJob, not a snapshot");
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("name", job.metadata().name() + "-savepoint-" + STAMP.format(java.time.Instant.now()));
            if (job.metadata().namespace() != null) {
                metadata.put("namespace", job.metadata().namespace());
            }
            var created = operator.apply(Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkStateSnapshot", "metadata", metadata,
                    "spec", Map.of("savepoint", Map.of(), "jobReference",
                            Map.of("kind", job instanceof FlinkDeployment ? "FlinkDeployment" : "FlinkSessionJob", "name", job.metadata().name()))));
            if (created.isLeft()) {
                err.println(Refusals.describe(created.getLeft()));
                return Flinkctl.INVALID;
            }
            ResourceKey key = ResourceKey.of(created.get());
            out.println(Names.of(key) + " created");
            Settle.Outcome outcome = new Settle(operator, out).await(List.of(key), false, timeout);
            outcome.failed().forEach(f -> err.println("failed: " + f));
            outcome.timedOut().forEach(t -> err.println("not done within " + timeout.toSeconds() + " s: " + t));
            FlinkStateSnapshot done = (FlinkStateSnapshot) operator.get(key).get();
            if (outcome.success() && done.status() != null && done.status().path() != null) {
                out.println(done.status().path());
                return Flinkctl.OK;
            }
            return Flinkctl.INVALID;
        }
    }
}
