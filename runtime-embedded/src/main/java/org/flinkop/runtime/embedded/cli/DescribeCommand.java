package org.flinkop.runtime.embedded.cli;

import java.io.PrintStream;
import java.time.Instant;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.FlinkStateSnapshot;
import org.flinkop.domain.resource.JobKind;
import org.flinkop.domain.resource.JobStatus;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;

/**
 * {@code flinkctl describe [KIND] NAME [-n NAMESPACE]}: a resource's status, conditions, recent events and (for
 * jobs) savepoint history, as a person reads them.
 */
final class DescribeCommand {

    private DescribeCommand() {
    }

    static int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        try (OperatorAccess operator = Workspace.open(Workspace.directory(args.value("dir")), err)) {
            FlinkResource r = Lookup.one(operator, args.positional(), args.value("namespace"), "describe needs [KIND] NAME");
            ResourceKey key = ResourceKey.of(r);
            out.println("Name:             " + r.metadata().name());
            out.println("Namespace:        " + Names.namespaceOr(r.metadata().namespace()));
            out.println("Kind:             " + r.kind());
            out.println("Created:          " + r.metadata().creationTimestamp() + " (" + GetCommand.age(r.metadata().creationTimestamp(), Instant.now()) + " ago)");
            out.println("Generation:       " + r.metadata().generation());
            out.println("Status:           " + Settle.describe(r));
            job(r, out);
            conditions(r, out);
            if (r instanceof FlinkDeployment || r instanceof FlinkSessionJob) {
                savepoints(operator, r, out);
            }
            out.println("Events:");
            var events = operator.events(key);
            if (events.isEmpty()) {
                out.println("  <none>");
            }
            events.takeRight(20).forEach(e -> out.printf("  %s  %-7s  %-22s %s%n", e.at().toString(), e.type(), e.reason(), e.message()));
            return Flinkctl.OK;
        }
    }

    private static void job(FlinkResource r, PrintStream out) {
        JobStatus job = r instanceof FlinkDeployment d && d.status() != null ? d.status().jobStatus()
                : r instanceof FlinkSessionJob j && j.status() != null ? j.status().jobStatus() : null;
        if (job == null) {
            return;
        }
        out.println("Job:");
        out.println("  Id:             " + job.jobId());
        out.println("  State:          " + (job.state() == null ? "" : job.state().spelling()));
        out.println("  Started:        " + job.startTime());
        if (job.upgradeSavepointPath() != null) {
            out.println("  Last savepoint: " + job.upgradeSavepointPath());
        }
    }

    private static void conditions(FlinkResource r, PrintStream out) {
        var conditions = r instanceof FlinkDeployment d && d.status() != null ? d.status().conditions()
                : r instanceof FlinkSessionJob j && j.status() != null ? j.status().conditions() : null;
        if (conditions == null || conditions.isEmpty()) {
            return;
        }
        out.println("Conditions:");
        conditions.forEach(c -> out.println("  " + c.type() + "=" + c.status() + "  " + c.reason() + ": " + c.message()));
    }

    /** The snapshots taken of this job, newest last, as their resources record them. */
    private static void savepoints(OperatorAccess operator, FlinkResource r, PrintStream out) {
        JobKind kind = r instanceof FlinkDeployment ? JobKind.FLINK_DEPLOYMENT : JobKind.FLINK_SESSION_JOB;
        var snapshots = operator.list(ResourceKind.FLINK_STATE_SNAPSHOT).map(s -> (FlinkStateSnapshot) s)
                .filter(s -> s.spec() != null && s.spec().jobReference() != null && s.spec().jobReference().kind() == kind
                        && r.metadata().name().equals(s.spec().jobReference().name()))
                .sortBy(s -> s.metadata().creationTimestamp() == null ? Instant.EPOCH : s.metadata().creationTimestamp());
        out.println("Snapshots:");
        if (snapshots.isEmpty()) {
            out.println("  <none>");
        }
        snapshots.forEach(s -> out.println("  " + s.metadata().name() + "  " + Settle.describe(s)));
    }
}
