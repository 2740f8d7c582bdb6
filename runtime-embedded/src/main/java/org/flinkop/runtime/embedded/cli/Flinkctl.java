package org.flinkop.runtime.embedded.cli;

import io.vavr.control.Either;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
        Map<Path, Either<YamlSyntaxError, List<YamlDocument>>> parsed = new LinkedHashMap<>();
        ResourceFiles.files(path).forEach(file -> parsed.put(file, Yaml.read(file)));
        List<YamlDocument> all = parsed.values().stream().flatMap(read -> read.fold(error -> Stream.<YamlDocument>empty(), List::stream)).toList();
        AdmissionService admission = new AdmissionService(ResourceFiles.lookupOver(all), false);
        int invalid = 0;
        for (Either<YamlSyntaxError, List<YamlDocument>> read : parsed.values()) {
            if (read.isLeft()) {
                err.println(read.getLeft().describe());
                invalid++;
            }
        }
        for (YamlDocument document : all) {
            Either<io.vavr.collection.List<Violation>, FlinkResource> result = admission.admit(document.tree());
            if (result.isRight()) {
                out.println(document.describe() + ": " + result.get().kind() + " " + result.get().key() + " is valid");
            } else {
                invalid++;
                err.println(document.describe() + ": " + result.getLeft().size() + " problem(s)");
                result.getLeft().forEach(violation -> err.println("  " + violation.describe()));
            }
        }
        int documents = all.size();
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
