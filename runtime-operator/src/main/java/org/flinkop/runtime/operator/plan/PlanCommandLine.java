package org.flinkop.runtime.operator.plan;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code flinkctl plan -f FILE|DIR --kubeconfig PATH [--context NAME] [-n NAMESPACE]}, the leading {@code plan}
 * optional.
 *
 * @param file       the YAML file or folder
 * @param kubeconfig the kubeconfig of the cluster
 * @param context    the kubeconfig's context to use instead of its current one
 * @param namespace  where documents that name no namespace go, instead of the context's namespace
 */
record PlanCommandLine(Path file, Path kubeconfig, Option<String> context, Option<String> namespace) {

    static final String USAGE = "usage: flinkctl plan -f FILE|DIR --kubeconfig PATH [--context NAME] [-n NAMESPACE]";

    private static final Map<String, String> OPTIONS = Map.of("-f", "file", "--filename", "file", "--kubeconfig", "kubeconfig", "--context", "context",
            "-n", "namespace", "--namespace", "namespace");

    static Either<String, PlanCommandLine> parse(List<String> args) {
        List<String> rest = !args.isEmpty() && args.get(0).equals("plan") ? args.subList(1, args.size()) : args;
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            String name = arg.startsWith("--") && arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!OPTIONS.containsKey(name)) {
                return Either.left((arg.startsWith("-") ? "unknown option " : "unexpected argument ") + arg);
            }
            if (!name.equals(arg)) {
                values.put(OPTIONS.get(name), arg.substring(arg.indexOf('=') + 1));
            } else if (i + 1 < rest.size()) {
                values.put(OPTIONS.get(name), rest.get(++i));
            } else {
                return Either.left(name + " needs a value");
            }
        }
        if (!values.containsKey("file")) {
            return Either.left("plan needs -f FILE|DIR");
        }
        if (!values.containsKey("kubeconfig")) {
            return Either.left("plan against a cluster needs --kubeconfig PATH");
        }
        return Either.right(new PlanCommandLine(Path.of(values.get("file")), Path.of(values.get("kubeconfig")), Option.of(values.get("context")),
                Option.of(values.get("namespace"))));
    }
}
