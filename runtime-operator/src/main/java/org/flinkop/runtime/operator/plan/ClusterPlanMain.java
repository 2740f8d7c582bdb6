package org.flinkop.runtime.operator.plan;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vavr.control.Either;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.flinkop.adapters.flink.rest.FlinkRestModule;
import org.flinkop.adapters.flink.rest.FlinkRestSettings;
import org.flinkop.adapters.kubernetes.deploy.KubernetesDeployerModule;
import org.flinkop.adapters.kubernetes.store.KubernetesResourceStore;
import org.flinkop.adapters.kubernetes.store.KubernetesStoreSettings;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.flinkop.ports.flink.FlinkJobClient;
import org.flinkop.runtime.operator.KubeClientConfig;
import org.flinkop.runtime.operator.config.ConfigReader;
import org.flinkop.runtime.operator.logging.LogLevel;
import org.flinkop.runtime.operator.logging.LogOutput;
import org.flinkop.runtime.operator.logging.LogSink;
import org.flinkop.runtime.operator.logging.SecretMasker;

/**
 * {@code flinkctl plan -f FILE|DIR --kubeconfig PATH [--context NAME] [-n NAMESPACE]}: what the operator in a
 * Kubernetes cluster would do with the documents, step by step, before they are applied. Reads the live resources
 * and their status through the Kubernetes resource store, observes their clusters through the Kubernetes cluster
 * deployer, and asks Flink's REST API where it answers (see {@link RecordedJobs} where it does not). Changes
 * nothing. Exit codes as the local plan's: 0 planned, 1 a document is invalid or not YAML, 2 usage error or the
 * cluster cannot be read.
 */
public final class ClusterPlanMain {

    static final int USAGE = 2;
    /** Flink's REST API is asked once per cluster; from outside the cluster it often does not answer, and the plan should not wait long. */
    private static final FlinkRestSettings FLINK = new FlinkRestSettings(Duration.ofSeconds(3), 0);

    private ClusterPlanMain() {
    }

    public static void main(String[] args) {
        // a command line's user reads its answer and one line per failure, not the libraries' log lines (fabric8's warning on
        // the v1beta1 API version, a stack trace per informer when the API server cannot be reached)
        LogOutput.install(new LogSink(new PrintStream(java.io.OutputStream.nullOutputStream()), LogLevel.ERROR, new SecretMasker(), Clock.systemUTC()));
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(java.util.List<String> args, PrintStream out, PrintStream err) {
        Either<String, PlanCommandLine> parsed = PlanCommandLine.parse(args);
        if (parsed.isLeft()) {
            err.println("flinkctl plan: " + parsed.getLeft());
            err.println(PlanCommandLine.USAGE);
            return USAGE;
        }
        PlanCommandLine command = parsed.get();
        if (!Files.exists(command.file())) {
            err.println("flinkctl plan: " + command.file() + ": no such file or directory");
            return USAGE;
        }
        PlanDocuments documents = PlanDocuments.read(command.file());
        documents.syntaxErrors().forEach(err::println);
        if (!documents.syntaxErrors().isEmpty()) {
            return ClusterPlanner.INVALID;
        }
        if (documents.documents().isEmpty()) {
            err.println("flinkctl: no resources found in " + command.file());
            return ClusterPlanner.INVALID;
        }
        Either<String, Config> config = KubeClientConfig.resolve(io.vavr.control.Option.of(command.kubeconfig()), command.context(), Duration.ofSeconds(10));
        if (config.isLeft()) {
            err.println("flinkctl plan: " + config.getLeft());
            return USAGE;
        }
        String namespace = command.namespace().getOrElse(() -> config.get().getNamespace() == null ? "default" : config.get().getNamespace());
        return plan(config.get(), namespace, documents, out, err);
    }

    private static int plan(Config config, String namespace, PlanDocuments documents, PrintStream out, PrintStream err) {
        OperatorSettings settings = ConfigReader.read(Map.of(), Map.of(), Path.of(System.getProperty("java.io.tmpdir"), "flinkop-artifacts"))
                .getOrElseThrow(problems -> new IllegalStateException("the operator's defaults: " + problems)).decisions();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
                KubernetesResourceStore store = KubernetesResourceStore.create(client, KubernetesStoreSettings.defaults()
                        .withNamespaces(namespaces(namespace, documents)))) {
            Either<PortFailure, Done> started = store.start();
            if (started.isLeft()) {
                err.println("flinkctl plan: cannot read the resources from " + config.getMasterUrl() + ": " + started.getLeft());
                return USAGE;
            }
            Injector injector = Guice.createInjector(binder -> binder.bind(KubernetesClient.class).toInstance(client), new KubernetesDeployerModule(),
                    new FlinkRestModule(FLINK));
            FlinkJobClient flink = injector.getInstance(FlinkJobClient.class);
            try {
                return new ClusterPlanner(store, injector.getInstance(ClusterDeployer.class), flink, settings, namespace).plan(documents, out, err);
            } finally {
                if (flink instanceof AutoCloseable closeable) {
                    closeQuietly(closeable);
                }
            }
        }
    }

    /** The plan's namespace and every namespace a document names: the store reads these only. */
    private static Set<String> namespaces(String namespace, PlanDocuments documents) {
        Set<String> namespaces = new LinkedHashSet<>();
        namespaces.add(namespace);
        for (PlanDocuments.Document document : documents.documents()) {
            if (document.tree() instanceof Map<?, ?> tree && tree.get("metadata") instanceof Map<?, ?> metadata && metadata.get("namespace") instanceof String named) {
                namespaces.add(named);
            }
        }
        return namespaces;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // the plan is printed; a client that does not close cleanly ends with the process
        }
    }
}
