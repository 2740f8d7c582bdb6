package org.flinkop.runtime.embedded.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flinkop.domain.validation.Violation;
import org.flinkop.ports.api.OperatorApi.Refusal;
import org.flinkop.runtime.embedded.yaml.YamlDocument;

/**
 * {@code flinkctl plan -f FILE|DIR}: what applying the documents would do now, step by step, against the stored
 * resources and the clusters as they run, before anything happens.
 */
final class PlanCommand {

    private PlanCommand() {
    }

    static int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        Path path = Path.of(args.value("file").orElseThrow(() -> new Arguments.UsageException("plan needs -f FILE|DIR")));
        if (!Files.exists(path)) {
            throw new Arguments.UsageException(path + ": no such file or directory");
        }
        Documents read = Documents.read(path);
        if (!read.reportSyntax(err)) {
            return Flinkctl.INVALID;
        }
        int invalid = 0;
        try (OperatorAccess operator = Workspace.open(Workspace.directory(args.value("dir")), err)) {
            for (YamlDocument document : read.documents()) {
                var planned = operator.plan(document.tree());
                if (planned.isLeft()) {
                    invalid++;
                    if (planned.getLeft() instanceof Refusal.Invalid refused) {
                        err.println(document.describe() + ": " + refused.violations().size() + " problem(s)");
                        refused.violations().map(Violation::describe).forEach(v -> err.println("  " + v));
                    } else {
                        err.println(document.describe() + ": " + Refusals.describe(planned.getLeft()));
                    }
                    continue;
                }
                var plan = planned.get();
                out.println(Names.of(plan.key()) + ":");
                if (plan.steps().isEmpty()) {
                    out.println("  nothing to do");
                }
                for (int step = 0; step < plan.steps().size(); step++) {
                    out.println("  " + (step + 1) + ". " + plan.steps().get(step));
                }
            }
        }
        return invalid == 0 ? Flinkctl.OK : Flinkctl.INVALID;
    }
}
