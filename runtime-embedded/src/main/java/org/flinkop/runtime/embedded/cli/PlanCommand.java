package org.flinkop.runtime.embedded.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.validation.Violation;
import org.flinkop.ports.api.OperatorApi.Refusal;
import org.flinkop.runtime.embedded.api.EmbeddedOperator;
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
        try (EmbeddedOperator operator = Workspace.open(Workspace.directory(args.value("dir")))) {
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
                out.println(Names.of(ResourceKey.of(plan.proposed())) + ":");
                if (plan.steps().isEmpty()) {
                    out.println("  nothing to do");
                }
                plan.steps().zipWithIndex().forEach(step -> out.println("  " + (step._2() + 1) + ". " + step._1()));
            }
        }
        return invalid == 0 ? Flinkctl.OK : Flinkctl.INVALID;
    }
}
