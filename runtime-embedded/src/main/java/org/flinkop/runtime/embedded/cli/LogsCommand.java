package org.flinkop.runtime.embedded.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.runtime.embedded.local.LocalProcessDeployer;

/**
 * {@code flinkctl logs [KIND] NAME [--jobmanager|--taskmanager] [--tail N]}: the logs of the local cluster that
 * runs a FlinkDeployment (or a session job's cluster): the JobManager's by default, or every TaskManager's.
 */
final class LogsCommand {

    private LogsCommand() {
    }

    static int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        Path directory = Workspace.directory(args.value("dir"));
        int tail = Integer.parseInt(args.value("tail").orElse("200"));
        try (OperatorAccess operator = Workspace.open(directory, err)) {
            FlinkResource r = Lookup.one(operator, args.positional(), args.value("namespace"), "logs needs [KIND] NAME");
            ResourceKey cluster = r instanceof FlinkSessionJob job && job.spec() != null
                    ? new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, r.metadata().namespace(), job.spec().deploymentName())
                    : r instanceof FlinkDeployment ? ResourceKey.of(r) : null;
            if (cluster == null) {
                throw new Arguments.UsageException("logs takes a FlinkDeployment or a FlinkSessionJob");
            }
            var logs = LocalProcessDeployer.logDirectory(directory.resolve("clusters"), cluster);
            if (logs.isEmpty() || !Files.isDirectory(logs.get())) {
                err.println("no local cluster runs for " + Names.of(cluster));
                return Flinkctl.INVALID;
            }
            String prefix = args.flag("taskmanager") ? "taskmanager-" : "jobmanager";
            List<Path> files;
            try (Stream<Path> listed = Files.list(logs.get())) {
                files = listed.filter(f -> f.getFileName().toString().startsWith(prefix) && f.toString().endsWith(".log")).sorted().toList();
            }
            for (Path file : files) {
                out.println("==> " + file + " <==");
                List<String> lines = Files.readAllLines(file);
                lines.subList(Math.max(0, lines.size() - tail), lines.size()).forEach(out::println);
            }
            return Flinkctl.OK;
        }
    }
}
