package org.flinkop.runtime.operator.plan;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.validation.Violation;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.api.OperatorApi;
import org.flinkop.ports.api.OperatorApi.Refusal;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.flinkop.ports.flink.FlinkJobClient;
import org.flinkop.ports.reconcile.Reconciler;
import org.flinkop.ports.store.ResourceStore;

/**
 * Plans documents against a Kubernetes cluster: each is admitted as the operator admits it (every violation with
 * its field path, and nothing planned), and decided and forecast on the live resource, its recorded status and its
 * cluster as observed, by the same {@link OperatorApi#plan} the local {@code flinkctl plan} uses, so the steps read
 * the same. What Flink could not tell from here is printed under the steps as assumed.
 */
final class ClusterPlanner {

    static final int OK = 0;
    static final int INVALID = 1;

    private final ResourceStore store;
    private final ClusterDeployer deployer;
    private final FlinkJobClient flink;
    private final OperatorSettings settings;
    private final String namespace;

    /** @param namespace where documents that name no namespace go */
    ClusterPlanner(ResourceStore store, ClusterDeployer deployer, FlinkJobClient flink, OperatorSettings settings, String namespace) {
        this.store = store;
        this.deployer = new ReadOnlyDeployer(deployer);
        this.flink = flink;
        this.settings = settings;
        this.namespace = namespace;
    }

    /** Prints the plan of every document on {@code out} and every refusal on {@code err}; the exit code. */
    int plan(PlanDocuments documents, PrintStream out, PrintStream err) {
        int invalid = 0;
        for (PlanDocuments.Document document : documents.documents()) {
            Object tree = withNamespace(document.tree());
            Option<FlinkResource> live = ResourceBinding.decode(tree).resource().filter(r -> r.metadata().name() != null)
                    .flatMap(r -> store.get(ResourceKey.of(r)));
            RecordedJobs jobs = new RecordedJobs(flink, live);
            OperatorApi api = new OperatorApi(store, new Reconciler(new Reconciler.Ports(store, deployer, jobs,
                    uri -> ReadOnlyDeployer.refused(), Clock.systemUTC(), settings)), false);
            Either<Refusal, OperatorApi.Plan> planned = api.plan(tree);
            if (planned.isLeft()) {
                invalid++;
                refused(document.source(), planned.getLeft(), err);
                continue;
            }
            print(planned.get(), jobs, out);
        }
        return invalid == 0 ? OK : INVALID;
    }

    private static void print(OperatorApi.Plan plan, RecordedJobs jobs, PrintStream out) {
        ResourceKey key = ResourceKey.of(plan.proposed());
        out.println(key.kind().spelling().toLowerCase(Locale.ROOT) + "/" + key.name() + ":");
        if (plan.steps().isEmpty()) {
            out.println("  nothing to do");
        }
        for (int step = 0; step < plan.steps().size(); step++) {
            out.println("  " + (step + 1) + ". " + plan.steps().get(step));
        }
        jobs.assumptions().forEach(assumption -> out.println("  " + assumption));
    }

    private static void refused(String source, Refusal refusal, PrintStream err) {
        if (refusal instanceof Refusal.Invalid invalid) {
            err.println(source + ": " + invalid.violations().size() + " problem(s)");
            invalid.violations().map(Violation::describe).forEach(v -> err.println("  " + v));
        } else {
            PortFailure failure = ((Refusal.Failed) refusal).failure();
            err.println(source + ": " + failure.reason() + ": " + failure.message());
        }
    }

    /** The document in the plan's namespace when it names none, as kubectl would apply it. */
    @SuppressWarnings("unchecked")
    private Object withNamespace(Object tree) {
        if (!(tree instanceof Map<?, ?> document) || !(document.get("metadata") instanceof Map<?, ?> metadata) || metadata.get("namespace") != null) {
            return tree;
        }
        Map<String, Object> placed = new LinkedHashMap<>((Map<String, Object>) metadata);
        placed.put("namespace", namespace);
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) document);
        copy.put("metadata", placed);
        return copy;
    }
}
