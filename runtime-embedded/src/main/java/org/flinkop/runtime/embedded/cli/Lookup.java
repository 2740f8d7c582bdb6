package org.flinkop.runtime.embedded.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKind;

/** Finds the resource a command names: {@code NAME} or {@code KIND NAME}, in a namespace when one is given. */
final class Lookup {

    private Lookup() {
    }

    static FlinkResource one(OperatorAccess operator, List<String> positional, Optional<String> namespace, String usage)
            throws Arguments.UsageException, Workspace.CommandException {
        if (positional.isEmpty() || positional.size() > 2) {
            throw new Arguments.UsageException(usage);
        }
        List<ResourceKind> kinds = List.of(ResourceKind.values());
        if (positional.size() == 2) {
            kinds = List.of(Names.kind(positional.get(0)).getOrElseThrow(() -> new Arguments.UsageException("unknown kind '" + positional.get(0) + "'")));
        }
        String name = positional.get(positional.size() - 1);
        List<FlinkResource> found = new ArrayList<>();
        for (ResourceKind kind : kinds) {
            operator.list(kind).filter(r -> r.metadata().name().equals(name)
                    && namespace.map(ns -> ns.equals(Names.namespaceOr(r.metadata().namespace()))).orElse(true)).forEach(found::add);
        }
        if (found.isEmpty()) {
            throw new Workspace.CommandException("no resource named " + name);
        }
        if (found.size() > 1) {
            throw new Workspace.CommandException(name + " names " + found.size() + " resources; say which with KIND NAME or -n NAMESPACE");
        }
        return found.get(0);
    }
}
