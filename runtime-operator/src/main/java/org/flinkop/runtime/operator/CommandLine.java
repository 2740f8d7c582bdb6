package org.flinkop.runtime.operator;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;

/**
 * The operator's command line: {@code [--config FILE] [--kubeconfig FILE] [--help]}.
 *
 * @param config     the configuration file (properties or YAML)
 * @param kubeconfig the kubeconfig to reach the API server with; without it, {@code KUBECONFIG}, then the pod's
 *                   service account, then {@code ~/.kube/config}
 * @param help       whether only the usage is asked for
 */
record CommandLine(Option<Path> config, Option<Path> kubeconfig, boolean help) {

    static final String USAGE = """
            usage: flinkop-operator [--config FILE] [--kubeconfig FILE]
              --config FILE      the operator's settings, a .properties or .yaml file; environment variables override it
                                 (KUBERNETES_OPERATOR_RECONCILE_PARALLELISM sets kubernetes.operator.reconcile.parallelism)
              --kubeconfig FILE  the kubeconfig to reach the API server with; by default KUBECONFIG, else the pod's
                                 service account, else ~/.kube/config
              --help             print this and exit""";

    static Either<String, CommandLine> parse(String... args) {
        Option<Path> config = Option.none();
        Option<Path> kubeconfig = Option.none();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.equals("--help") || name.equals("-h")) {
                return Either.right(new CommandLine(config, kubeconfig, true));
            }
            if (!name.equals("--config") && !name.equals("--kubeconfig")) {
                return Either.left("unknown argument '" + arg + "' (allowed: --config FILE, --kubeconfig FILE, --help)");
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return Either.left(name + " needs a file (allowed: " + name + " FILE)");
            }
            if (value.isBlank()) {
                return Either.left(name + " needs a file (allowed: " + name + " FILE)");
            }
            if (name.equals("--config")) {
                config = Option.some(Path.of(value));
            } else {
                kubeconfig = Option.some(Path.of(value));
            }
        }
        return Either.right(new CommandLine(config, kubeconfig, false));
    }
}
