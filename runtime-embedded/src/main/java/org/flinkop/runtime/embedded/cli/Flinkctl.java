package org.flinkop.runtime.embedded.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.validation.Violation;
import org.flinkop.ports.admission.AdmissionService;
import org.flinkop.runtime.embedded.yaml.ResourceFiles;
import org.flinkop.runtime.embedded.yaml.Yaml;
import org.flinkop.runtime.embedded.yaml.YamlDocument;
import org.flinkop.runtime.embedded.yaml.YamlSyntaxError;

/**
 * The command line. {@code flinkctl validate -f FILE|DIR} reads FlinkDeployment, FlinkSessionJob and
 * FlinkStateSnapshot YAML and reports every problem with its file and field path. Exit codes: 0 when every
 * document is valid, 1 when any is not, 2 for a usage error.
 */
public final class Flinkctl {

    static final int OK = 0;
    static final int INVALID = 1;
    static final int USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;

    Flinkctl(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Flinkctl(System.out, System.err).run(args));
    }

    int run(String... args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            usage(args.length == 0 ? err : out);
            return args.length == 0 ? USAGE : OK;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        return switch (args[0]) {
            case "validate" -> validate(rest);
            default -> {
                err.println("flinkctl: unknown command '" + args[0] + "'");
                usage(err);
                yield USAGE;
            }
        };
    }

    private int validate(List<String> args) {
        if (args.size() != 2 || !(args.get(0).equals("-f") || args.get(0).equals("--filename"))) {
            err.println("usage: flinkctl validate -f FILE|DIR");
            return USAGE;
        }
        Path path = Path.of(args.get(1));
        if (!Files.exists(path)) {
            err.println("flinkctl: " + path + ": no such file or directory");
            return USAGE;
        }
        java.util.List<Path> files = ResourceFiles.files(path);
        java.util.List<YamlDocument> parsed = new java.util.ArrayList<>();
        for (Path file : files) {
            Yaml.read(file).forEach(parsed::addAll);
        }
        AdmissionService admission = new AdmissionService(ResourceFiles.lookupOver(parsed), false);
        int documents = 0;
        int invalid = 0;
        for (Path file : files) {
            var read = ResourceFiles.read(file, admission);
            if (read.isLeft()) {
                YamlSyntaxError error = read.getLeft();
                err.println(error.describe());
                invalid++;
                continue;
            }
            for (ResourceFiles.Read document : read.get()) {
                documents++;
                if (document.result().isRight()) {
                    FlinkResource resource = document.result().get();
                    out.println(document.document().describe() + ": " + resource.kind() + " " + resource.key() + " is valid");
                } else {
                    invalid++;
                    err.println(document.document().describe() + ": " + document.result().getLeft().size() + " problem(s)");
                    for (Violation violation : document.result().getLeft()) {
                        err.println("  " + violation.describe());
                    }
                }
            }
        }
        if (documents == 0 && invalid == 0) {
            err.println("flinkctl: no resources found in " + path);
            return INVALID;
        }
        return invalid == 0 ? OK : INVALID;
    }

    private static void usage(PrintStream to) {
        to.println("usage: flinkctl COMMAND");
        to.println();
        to.println("commands:");
        to.println("  validate -f FILE|DIR   check FlinkDeployment, FlinkSessionJob and FlinkStateSnapshot YAML;");
        to.println("                         every problem is listed with its field path, exit code 1 if any");
    }
}
