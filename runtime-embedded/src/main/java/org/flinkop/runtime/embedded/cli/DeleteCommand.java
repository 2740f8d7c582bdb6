package org.flinkop.runtime.embedded.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;

/**
 * {@code flinkctl delete KIND NAME [-n NAMESPACE]} or {@code flinkctl delete -f FILE|DIR}: asks for deletion and
 * runs the operator until the resources are gone (their clusters removed, savepoints disposed of when asked).
 */
final class DeleteCommand {

    private DeleteCommand() {
    }

    static int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        Duration timeout = Durations.parse(args.value("timeout").orElse("5m"));
        try (OperatorAccess operator = Workspace.open(Workspace.directory(args.value("dir")), err)) {
            List<ResourceKey> keys = targets(operator, args);
            if (keys.isEmpty()) {
                err.println("not found");
                return Flinkctl.INVALID;
            }
            for (ResourceKey key : keys) {
                var deleted = operator.delete(key);
                if (deleted.isLeft()) {
                    err.println(Names.of(key) + ": " + Refusals.describe(deleted.getLeft()));
                    return Flinkctl.INVALID;
                }
                out.println(Names.of(key) + " deleting");
            }
            Settle.Outcome outcome = new Settle(operator, out).await(keys, true, timeout);
            outcome.timedOut().forEach(t -> err.println("not gone within " + timeout.toSeconds() + " s: " + t));
            return outcome.success() ? Flinkctl.OK : Flinkctl.INVALID;
        }
    }

    private static List<ResourceKey> targets(OperatorAccess operator, Arguments args) throws Arguments.UsageException {
        List<ResourceKey> keys = new ArrayList<>();
        if (args.value("file").isPresent()) {
            Documents read = Documents.read(java.nio.file.Path.of(args.value("file").get()));
            for (var document : read.documents()) {
                var planned = operator.plan(document.tree());
                planned.forEach(plan -> keys.add(plan.key()));
            }
            return keys.stream().filter(k -> operator.get(k).isDefined()).toList();
        }
        List<String> positional = args.positional();
        if (positional.size() != 2) {
            throw new Arguments.UsageException("delete needs KIND NAME, or -f FILE|DIR");
        }
        ResourceKind kind = Names.kind(positional.get(0))
                .getOrElseThrow(() -> new Arguments.UsageException("unknown kind '" + positional.get(0) + "'"));
        for (FlinkResource r : operator.list(kind)) {
            if (r.metadata().name().equals(positional.get(1))
                    && args.value("namespace").map(ns -> ns.equals(Names.namespaceOr(r.metadata().namespace()))).orElse(true)) {
                keys.add(ResourceKey.of(r));
            }
        }
        return keys;
    }
}
