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
        try {
            return switch (args[0]) {
                case "validate" -> validate(rest);
                case "apply" -> ApplyCommand.run(Arguments.parse(rest, Map.of("-f", "file", "--filename", "file", "--timeout", "timeout", "--dir", "dir"),
                        Map.of("--wait", "wait")), out, err);
                case "plan" -> PlanCommand.run(Arguments.parse(rest, Map.of("-f", "file", "--filename", "file", "--dir", "dir"), Map.of()), out, err);
                case "get" -> GetCommand.run(Arguments.parse(rest, Map.of("-o", "output", "--output", "output", "-n", "namespace", "--namespace", "namespace",
                        "--dir", "dir"), Map.of()), out, err);
                case "delete" -> DeleteCommand.run(Arguments.parse(rest, Map.of("-f", "file", "--filename", "file", "-n", "namespace", "--namespace", "namespace",
                        "--timeout", "timeout", "--dir", "dir"), Map.of()), out, err);
                case "describe" -> DescribeCommand.run(Arguments.parse(rest, Map.of("-n", "namespace", "--namespace", "namespace", "--dir", "dir"), Map.of()),
                        out, err);
                case "savepoint" -> SavepointCommand.run(Arguments.parse(rest, Map.of("-n", "namespace", "--namespace", "namespace", "--timeout", "timeout",
                        "--dir", "dir"), Map.of()), out, err);
                case "logs" -> LogsCommand.run(Arguments.parse(rest, Map.of("-n", "namespace", "--namespace", "namespace", "--tail", "tail", "--dir", "dir"),
                        Map.of("--jobmanager", "jobmanager", "--taskmanager", "taskmanager")), out, err);
                case "run" -> RunCommand.run(Arguments.parse(rest, Map.of("--dir", "dir"), Map.of()), out, err);
                default -> {
                    err.println("flinkctl: unknown command '" + args[0] + "'");
                    usage(err);
                    yield USAGE;
                }
            };
        } catch (Arguments.UsageException e) {
            err.println("flinkctl " + args[0] + ": " + e.getMessage());
            usage(err);
            return USAGE;
        } catch (Workspace.CommandException | java.io.UncheckedIOException e) {
            err.println("flinkctl " + args[0] + ": " + e.getMessage());
            return USAGE;
        } catch (Exception e) {
            err.println("flinkctl " + args[0] + ": " + e);
            return USAGE;
        }
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
        to.println("  validate -f FILE|DIR           check FlinkDeployment, FlinkSessionJob and FlinkStateSnapshot YAML;");
        to.println("                                 every problem is listed with its field path, exit code 1 if any");
        to.println("  apply -f FILE|DIR [--wait]     validate every document (nothing is applied if any is invalid), store them,");
        to.println("        [--timeout 10m]          and run the operator until it is done with them, printing each step;");
        to.println("                                 --wait: exit code 1 when a resource fails");
        to.println("  plan -f FILE|DIR               what applying would do now, step by step, before anything happens");
        to.println("       [--kubeconfig PATH]       ... in a Kubernetes cluster instead, by the operator there");
        to.println("       [--context NAME] [-n NS]");
        to.println("  get [KIND [NAME]] [-n NS]      resources with job status, lifecycle state and age;");
        to.println("      [-o table|yaml|json]       KIND: flinkdeployment (flinkdep), flinksessionjob (sessionjob), flinkstatesnapshot (flinksnp)");
        to.println("  delete KIND NAME | -f FILE     delete, and run the operator until the resources are gone");
        to.println("  describe [KIND] NAME [-n NS]   status, conditions, snapshots and recent events");
        to.println("  savepoint [KIND] NAME          take a savepoint (a FlinkStateSnapshot) and print its path");
        to.println("  logs [KIND] NAME [--jobmanager|--taskmanager] [--tail N]   the local cluster's logs");
        to.println("  run                            the operator loop in the foreground, until Ctrl-C; meanwhile the other");
        to.println("                                 commands on the directory go through it");
        to.println();
        to.println("options for every command but validate: --dir DIR (default $FLINKOP_HOME or ~/.flinkop): where resources,");
        to.println("clusters and their state are kept; local Flink clusters keep running between commands");
    }
}
