package org.flinkop.runtime.operator;

import io.fabric8.kubernetes.client.Config;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.flinkop.runtime.operator.config.ConfigFile;
import org.flinkop.runtime.operator.config.ConfigReader;
import org.flinkop.runtime.operator.config.OperatorConfig;
import org.flinkop.runtime.operator.lifecycle.OperatorRuntime;
import org.flinkop.runtime.operator.logging.LogOutput;
import org.flinkop.runtime.operator.logging.LogSink;
import org.flinkop.runtime.operator.logging.OperatorLog;
import org.flinkop.runtime.operator.logging.SecretMasker;
import org.flinkop.runtime.operator.wiring.OperatorWiring;

/**
 * The in-cluster operator's entry point. Reads the command line, the configuration file and the environment,
 * refuses every bad value before anything starts (exit code 2, one line per problem, no stack trace), creates the
 * one injector, starts the operator, and stops it gracefully on SIGTERM: no new passes, the passes in flight
 * finish within {@code flinkop.shutdown.timeout}, then the store and the clients close.
 *
 * <p>Exit codes: 0 stopped, 1 could not start (the API server, the CRDs or the RBAC), 2 bad command line or
 * configuration, 3 lost the leader Lease (with leader election on; restarted, it is a standby).
 */
public final class OperatorMain {

    static final int STOPPED = 0;
    static final int COULD_NOT_START = 1;
    static final int BAD_CONFIGURATION = 2;
    static final int LOST_LEADERSHIP = 3;

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;
    private final UnaryOperator<OperatorWiring> wiringChanges;

    OperatorMain(Map<String, String> environment, PrintStream out, PrintStream err) {
        this(environment, out, err, UnaryOperator.identity());
    }

    /** As the image runs it, with modules replaced by {@code wiringChanges} (a test's main replaces Flink with a fake). */
    OperatorMain(Map<String, String> environment, PrintStream out, PrintStream err, UnaryOperator<OperatorWiring> wiringChanges) {
        this.environment = environment;
        this.out = out;
        this.err = err;
        this.wiringChanges = wiringChanges;
    }

    public static void main(String[] args) {
        System.exit(new OperatorMain(System.getenv(), System.out, System.err).run(args));
    }

    int run(String... args) {
        Either<String, CommandLine> parsed = CommandLine.parse(args);
        if (parsed.isLeft()) {
            err.println("flinkop-operator: " + parsed.getLeft());
            err.println(CommandLine.USAGE);
            return BAD_CONFIGURATION;
        }
        CommandLine commandLine = parsed.get();
        if (commandLine.help()) {
            out.println(CommandLine.USAGE);
            return STOPPED;
        }
        Either<List<String>, OperatorConfig> config = configuration(commandLine);
        if (config.isLeft()) {
            err.println("flinkop-operator: the configuration has " + config.getLeft().size() + " problem(s):");
            config.getLeft().forEach(problem -> err.println("  " + problem));
            return BAD_CONFIGURATION;
        }
        Either<String, Config> client = KubeClientConfig.resolve(commandLine.kubeconfig(), config.get().kubernetesRequestTimeout());
        if (client.isLeft()) {
            err.println("flinkop-operator: " + client.getLeft());
            return BAD_CONFIGURATION;
        }
        LogSink sink = new LogSink(out, config.get().logLevel(), new SecretMasker(), Clock.systemUTC());
        LogOutput.install(sink);
        return runUntilStopped(wiringChanges.apply(OperatorWiring.of(config.get(), client.get(), sink)), config.get(), sink);
    }

    private Either<List<String>, OperatorConfig> configuration(CommandLine commandLine) {
        Either<String, Map<String, String>> file = commandLine.config().isDefined()
                ? ConfigFile.read(commandLine.config().get())
                : Either.right(Map.of());
        if (file.isLeft()) {
            return Either.left(List.of(file.getLeft()));
        }
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "flinkop-artifacts");
        return ConfigReader.read(file.get(), environment, cache);
    }

    private int runUntilStopped(OperatorWiring wiring, OperatorConfig config, LogSink sink) {
        OperatorLog log = new OperatorLog(sink, "org.flinkop.operator");
        config.warnings().forEach(warning -> log.warn("configuration", OperatorLog.fields("warning", warning)));
        log.info("configuration", OperatorLog.fields("settings", config.toString()));
        OperatorRuntime runtime;
        try {
            runtime = wiring.runtime();
        } catch (RuntimeException e) {
            log.error("could not wire the operator", OperatorLog.fields(), e);
            return COULD_NOT_START;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::stop, "flinkop-shutdown"));
        Either<String, ?> started = runtime.start();
        if (started.isLeft()) {
            err.println("flinkop-operator: could not start: " + started.getLeft());
            return COULD_NOT_START;
        }
        try {
            runtime.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runtime.stop();
        }
        if (runtime.failure().isPresent()) {
            err.println("flinkop-operator: stopped: " + runtime.failure().get());
            return LOST_LEADERSHIP;
        }
        return STOPPED;
    }
}
