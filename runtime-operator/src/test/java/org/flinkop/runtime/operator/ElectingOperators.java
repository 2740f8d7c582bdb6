package org.flinkop.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.flinkop.runtime.operator.config.OperatorKeys;
import org.flinkop.testkit.kube.KubeNamespace;

/**
 * Operators as JVMs of their own with leader election on (a 4 s lease, 3 s renew deadline and 1 s retry period on
 * Lease {@value #LEASE} of the test's namespace), and what tests read of them and of the API server: the Lease's
 * holder, their metrics, the Events about custom resources.
 */
final class ElectingOperators {

    static final String LEASE = "flinkop-leader";

    private ElectingOperators() {
    }

    /** Starts {@code main} (which runs {@link OperatorMain}) as the operator of pod {@code podName}. */
    static OperatorProcess start(Class<?> main, Path dir, Path kubeconfig, String namespace, String podName, List<String> jvmOptions) {
        Map<String, String> settings = new LinkedHashMap<>(InProcessOperator.testSettings(namespace));
        settings.remove(OperatorKeys.HEALTH_PROBE_PORT);
        settings.put(OperatorKeys.LEADER_ELECTION_ENABLED, "true");
        settings.put(OperatorKeys.LEADER_ELECTION_LEASE_NAME, LEASE);
        settings.put(OperatorKeys.LEADER_ELECTION_LEASE_DURATION, "4 s");
        settings.put(OperatorKeys.LEADER_ELECTION_RENEW_DEADLINE, "3 s");
        settings.put(OperatorKeys.LEADER_ELECTION_RETRY_PERIOD, "1 s");
        return OperatorProcess.start(main, dir, kubeconfig, settings, Map.of("POD_NAME", podName), jvmOptions, System.getProperty("java.class.path"));
    }

    /** The control plane's kubeconfig with the test's namespace as the context's: the operator's own namespace, where its Lease is. */
    static Path kubeconfigIn(KubeNamespace namespace, Path dir) throws IOException {
        String text = Files.readString(namespace.controlPlane().kubeconfig());
        assertThat(text).contains("namespace: default");
        Files.createDirectories(dir);
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, text.replace("namespace: default", "namespace: " + namespace.name()));
        return file;
    }

    static Lease lease(KubeWorld world) {
        return world.client().leases().inNamespace(world.namespace()).withName(LEASE).get();
    }

    /** Who holds the Lease; empty while no one does. */
    static String holder(KubeWorld world) {
        Lease lease = lease(world);
        return lease == null || lease.getSpec() == null || lease.getSpec().getHolderIdentity() == null ? "" : lease.getSpec().getHolderIdentity();
    }

    /** Each Event about a custom resource (not the controller manager's), by its object, reason and message, with its count. */
    static Map<String, Integer> flinkEvents(KubeWorld world) {
        return world.events().stream().filter(e -> e.getInvolvedObject().getKind().startsWith("Flink")).collect(Collectors.toMap(ElectingOperators::describe,
                e -> Objects.requireNonNullElse(e.getCount(), 1), Integer::sum, TreeMap::new));
    }

    private static String describe(Event event) {
        return event.getInvolvedObject().getKind() + "/" + event.getInvolvedObject().getName() + " " + event.getReason() + ": " + event.getMessage();
    }

    static String metrics(OperatorProcess process) {
        var response = process.fetch("/metrics");
        return response == null ? "" : response.body();
    }

    /** A sample's value (labels included in {@code sample}); -1 while the operator does not answer or has no such sample. */
    static long metric(OperatorProcess process, String sample) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(metrics(process));
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : -1;
    }
}
