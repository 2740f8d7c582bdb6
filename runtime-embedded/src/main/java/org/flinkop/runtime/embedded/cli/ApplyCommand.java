package org.flinkop.runtime.embedded.cli;

import io.vavr.control.Either;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.validation.Violation;
import org.flinkop.ports.api.OperatorApi.Refusal;
import org.flinkop.runtime.embedded.yaml.YamlDocument;

/**
 * {@code flinkctl apply -f FILE|DIR [--wait] [--timeout 10m]}: every document is read and validated first, and
 * nothing is applied when anything is wrong. Then each is stored and the operator runs until it has finished with
 * them (a job running, a snapshot taken), printing each step; with {@code --wait} the exit code says whether they
 * all succeeded.
 */
final class ApplyCommand {

    private ApplyCommand() {
    }

    static int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        Path path = Path.of(args.value("file").orElseThrow(() -> new Arguments.UsageException("apply needs -f FILE|DIR")));
        if (!Files.exists(path)) {
            throw new Arguments.UsageException(path + ": no such file or directory");
        }
        Documents read = Documents.read(path);
        if (!read.reportSyntax(err)) {
            return Flinkctl.INVALID;
        }
        if (read.documents().isEmpty()) {
            err.println("flinkctl: no resources found in " + path);
            return Flinkctl.INVALID;
        }
        Duration timeout = Durations.parse(args.value("timeout").orElse("10m"));
        try (OperatorAccess operator = Workspace.open(Workspace.directory(args.value("dir")), err)) {
            if (!allValid(operator, read.documents(), err)) {
                err.println("nothing was applied");
                return Flinkctl.INVALID;
            }
            List<ResourceKey> applied = new ArrayList<>();
            for (YamlDocument document : read.documents()) {
                Either<Refusal, FlinkResource> result = operator.apply(document.tree());
                if (result.isLeft()) {
                    err.println(document.describe() + ": " + Refusals.describe(result.getLeft()));
                    return Flinkctl.INVALID;
                }
                applied.add(ResourceKey.of(result.get()));
                out.println(Names.of(ResourceKey.of(result.get())) + " applied");
            }
            Settle.Outcome outcome = new Settle(operator, out).await(applied, false, timeout);
            outcome.failed().forEach(f -> err.println("failed: " + f));
            outcome.timedOut().forEach(t -> err.println("not done within " + timeout.toSeconds() + " s: " + t));
            return !args.flag("wait") || outcome.success() ? Flinkctl.OK : Flinkctl.INVALID;
        }
    }

    /** Plans every document before any is applied: a plan admits the document without storing anything. */
    private static boolean allValid(OperatorAccess operator, List<YamlDocument> documents, PrintStream err) {
        boolean valid = true;
        for (YamlDocument document : documents) {
            var planned = operator.plan(document.tree());
            if (planned.isLeft() && planned.getLeft() instanceof Refusal.Invalid invalid) {
                valid = false;
                err.println(document.describe() + ": " + invalid.violations().size() + " problem(s)");
                invalid.violations().map(Violation::describe).forEach(v -> err.println("  " + v));
            }
        }
        return valid;
    }
}
