package org.flinkop.runtime.embedded.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.FlinkStateSnapshot;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.runtime.embedded.yaml.Yaml;

/**
 * {@code flinkctl get [KIND] [NAME] [-n NAMESPACE] [-o table|yaml|json]}: the columns users know from
 * {@code kubectl get flinkdep} (name, job status, lifecycle state, age), or whole resources with their status.
 */
final class GetCommand {

    private GetCommand() {
    }

    static int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        List<String> positional = args.positional();
        List<ResourceKind> kinds = List.of(ResourceKind.values());
        String name = null;
        if (!positional.isEmpty()) {
            var kind = Names.kind(positional.get(0));
            if (kind.isEmpty()) {
                throw new Arguments.UsageException("unknown kind '" + positional.get(0) + "'; allowed: flinkdeployment (flinkdep), flinksessionjob (sessionjob), flinkstatesnapshot (flinksnp)");
            }
            kinds = List.of(kind.get());
            name = positional.size() > 1 ? positional.get(1) : null;
        }
        String output = args.value("output").orElse("table");
        if (!List.of("table", "yaml", "json").contains(output)) {
            throw new Arguments.UsageException("-o " + output + " is not an output; allowed: table, yaml, json");
        }
        try (OperatorAccess operator = Workspace.open(Workspace.directory(args.value("dir")), err)) {
            List<FlinkResource> found = new ArrayList<>();
            for (ResourceKind kind : kinds) {
                for (FlinkResource r : operator.list(kind)) {
                    if ((name == null || name.equals(r.metadata().name()))
                            && args.value("namespace").map(ns -> ns.equals(Names.namespaceOr(r.metadata().namespace()))).orElse(true)) {
                        found.add(r);
                    }
                }
            }
            if (found.isEmpty()) {
                err.println(name == null ? "no resources found" : "not found: " + name);
                return name == null ? Flinkctl.OK : Flinkctl.INVALID;
            }
            switch (output) {
                case "yaml" -> found.forEach(r -> out.print("---\n" + Yaml.write(ResourceBinding.encode(r))));
                case "json" -> found.forEach(r -> out.println(Json.write(ResourceBinding.encode(r))));
                default -> table(found, Instant.now(), out);
            }
            return Flinkctl.OK;
        }
    }

    static void table(List<FlinkResource> resources, Instant now, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        boolean snapshots = resources.stream().allMatch(r -> r instanceof FlinkStateSnapshot);
        rows.add(snapshots ? new String[] {"NAME", "STATE", "PATH", "AGE"} : new String[] {"NAME", "JOB STATUS", "LIFECYCLE STATE", "AGE"});
        for (FlinkResource r : resources) {
            String name = resources.stream().map(x -> x.kind()).distinct().count() > 1 ? Names.of(org.flinkop.domain.resource.ResourceKey.of(r)) : r.metadata().name();
            String age = age(r.metadata().creationTimestamp(), now);
            if (r instanceof FlinkStateSnapshot s) {
                rows.add(new String[] {name, s.status() == null || s.status().state() == null ? "" : s.status().state().spelling(),
                        s.status() == null || s.status().path() == null ? "" : s.status().path(), age});
            } else {
                var lifecycle = Settle.lifecycle(r);
                rows.add(new String[] {name, nullToEmpty(Settle.jobState(r)), lifecycle == null ? "" : lifecycle.spelling(), age});
            }
        }
        int[] widths = new int[rows.get(0).length];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 3) + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** As kubectl shows ages: 45s, 12m, 3h, 2d. */
    static String age(Instant created, Instant now) {
        if (created == null) {
            return "";
        }
        Duration d = Duration.between(created, now);
        if (d.toSeconds() < 120) {
            return Math.max(0, d.toSeconds()) + "s";
        }
        if (d.toMinutes() < 120) {
            return d.toMinutes() + "m";
        }
        return d.toHours() < 48 ? d.toHours() + "h" : d.toDays() + "d";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** A JSON writer for document trees (maps, lists, scalars), through the YAML edge's Jackson. */
    static final class Json {
        private Json() {
        }

        static String write(Map<String, Object> tree) {
            return new tools.jackson.databind.json.JsonMapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        }
    }
}
