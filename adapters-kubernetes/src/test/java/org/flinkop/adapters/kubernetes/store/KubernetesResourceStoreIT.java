package org.flinkop.adapters.kubernetes.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.adapters.kubernetes.store.Deployments.deployment;
import static org.flinkop.adapters.kubernetes.store.Deployments.eventually;
import static org.flinkop.adapters.kubernetes.store.Deployments.status;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flinkop.domain.decision.Action.EventType;
import org.flinkop.domain.decision.EventReason;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.PortFailure.Reason;
import org.flinkop.ports.store.RecordedEvent;
import org.flinkop.testkit.kube.KubeControlPlane;
import org.flinkop.testkit.kube.KubeNamespace;
import org.flinkop.testkit.kube.WithKubeApiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the Kubernetes store does beyond the port's contract, against a real kube-apiserver. */
@WithKubeApiServer
class KubernetesResourceStoreIT {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final String FINALIZER = "flinkop.org/finalizer";

    private static KubernetesClient client;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void connect(KubeControlPlane plane) {
        client = KubeClients.admin(plane);
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @AfterEach
    void closeStores() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    void a_status_write_that_lost_the_race_to_another_writer_is_a_conflict_and_the_newer_status_survives(KubeNamespace ns) {
        KubernetesResourceStore operator = started(client, KubernetesStoreSettings.defaults().withNamespaces(Set.of(ns.name())));
        KubernetesResourceStore otherReplica = started(client, KubernetesStoreSettings.defaults().withNamespaces(Set.of(ns.name())));
        FlinkDeployment created = (FlinkDeployment) operator.apply(deployment(ns.name(), "orders")).get();
        ResourceKey key = ResourceKey.of(created);
        eventually("the other replica sees the resource", () -> otherReplica.get(key).isDefined());
        FlinkDeployment seenByOther = (FlinkDeployment) otherReplica.get(key).get();
        assertThat(otherReplica.writeStatus(seenByOther.withStatus(status(ResourceLifecycleState.STABLE))).isRight()).isTrue();

        Either<PortFailure, FlinkResource> stale = operator.writeStatus(created.withStatus(status(ResourceLifecycleState.FAILED)));

        assertThat(stale.getLeft().reason()).isEqualTo(Reason.CONFLICT);
        assertThat(stale.getLeft().message()).contains("the object has been modified");
        assertThat(ns.controlPlane().kubectl("get", "flinkdeployment", "orders", "-n", ns.name(), "-o", "jsonpath={.status.lifecycleState}"))
                .isEqualTo("STABLE");
        eventually("the operator's cache holds the newer status", () -> lifecycle(operator.get(key).get()) == ResourceLifecycleState.STABLE);
    }

    @Test
    void a_finalizer_is_added_and_removed_on_the_informers_copy_without_reading_the_resource(KubeNamespace ns) {
        List<String> requests = new CopyOnWriteArrayList<>();
        try (KubernetesClient recorded = KubeClients.recording(ns.controlPlane(), requests)) {
            InformedResourceStore store = (InformedResourceStore) started(recorded, KubernetesStoreSettings.defaults().withNamespaces(Set.of(ns.name())));
            FlinkResource created = store.apply(deployment(ns.name(), "orders")).get();
            ResourceKey key = ResourceKey.of(created);
            eventually("the informer holds the created resource", () -> store.informed(key)
                    .exists(copy -> created.metadata().resourceVersion().equals(copy.getMetadata().getResourceVersion())));
            String path = "/apis/flink.apache.org/v1beta1/namespaces/" + ns.name() + "/flinkdeployments/orders";

            requests.clear();
            FlinkResource withFinalizer = store.addFinalizer(key, FINALIZER).get();
            assertThat(requests).containsExactly("PUT " + path);
            assertThat(withFinalizer.metadata().finalizers()).containsExactly(FINALIZER);
            // the update left out the managed fields, and the API server kept them: the spec is still owned by its creator
            assertThat(ns.controlPlane().kubectl("get", "flinkdeployment", "orders", "-n", ns.name(), "-o",
                    "jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation}: {.fieldsV1}{\"\\n\"}{end}"))
                    .containsPattern("(?m)^[^\\n]+: .*\"f:spec\"").containsPattern("(?m)^[^\\n]+: .*\"f:finalizers\"");

            eventually("the informer holds the finalizer", () -> store.informed(key).exists(copy -> copy.getMetadata().getFinalizers().contains(FINALIZER)));
            requests.clear();
            assertThat(store.removeFinalizer(key, FINALIZER).get().get().metadata().finalizers()).isEmpty();
            assertThat(requests).containsExactly("PUT " + path);
        }
    }

    @Test
    void a_finalizer_change_on_a_copy_someone_has_changed_since_reads_the_resource_and_keeps_their_change(KubeNamespace ns) {
        List<String> requests = new CopyOnWriteArrayList<>();
        try (KubernetesClient recorded = KubeClients.recording(ns.controlPlane(), requests)) {
            ResourceWriter writer = new ResourceWriter(recorded, new ResourceMapping(recorded.getKubernetesSerialization()));
            ResourceKey key = ResourceKey.of(writer.apply(deployment(ns.name(), "orders")).get());
            GenericKubernetesResource stale = writer.read(key).get().get();
            ns.controlPlane().kubectl("label", "flinkdeployment", "orders", "-n", ns.name(), "team=payments");
            String path = "/apis/flink.apache.org/v1beta1/namespaces/" + ns.name() + "/flinkdeployments/orders";

            requests.clear();
            FlinkResource added = writer.addFinalizer(key, FINALIZER, Option.of(stale)).get();
            assertThat(requests).as("the update on the stale copy conflicts; then a read and an update").containsExactly("PUT " + path, "GET " + path, "PUT " + path);
            assertThat(added.metadata().finalizers()).containsExactly(FINALIZER);
            assertThat(added.metadata().labels()).containsEntry("team", "payments");

            GenericKubernetesResource withFinalizer = writer.read(key).get().get();
            ns.controlPlane().kubectl("label", "flinkdeployment", "orders", "-n", ns.name(), "tier=gold");
            Option<FlinkResource> removed = writer.removeFinalizer(key, FINALIZER, Option.of(withFinalizer)).get();
            assertThat(removed.get().metadata().finalizers()).isEmpty();
            assertThat(removed.get().metadata().labels()).containsEntry("team", "payments").containsEntry("tier", "gold");

            writer.delete(key);
            assertThat(writer.removeFinalizer(key, FINALIZER, Option.of(withFinalizer)).get()).as("a resource gone has no finalizer to remove").isEmpty();
        }
    }

    @Test
    void a_repeated_event_is_one_kubernetes_event_with_a_count(KubeNamespace ns) {
        KubernetesResourceStore store = started(client, KubernetesStoreSettings.defaults().withNamespaces(Set.of(ns.name())));
        FlinkResource created = store.apply(deployment(ns.name(), "orders")).get();
        ResourceKey key = ResourceKey.of(created);

        for (int i = 0; i < 3; i++) {
            store.recordEvent(key, new RecordedEvent(T0.plusSeconds(i), EventReason.DEPLOYING, EventType.NORMAL, "deploying a session cluster"));
        }
        store.recordEvent(key, new RecordedEvent(T0.plusSeconds(3), EventReason.JOB_FAILED, EventType.WARNING, "the job failed"));

        eventually("both events are written, the first three times", () -> events(ns.name()).size() == 2
                && events(ns.name()).get(0).getCount() == 3);
        List<Event> events = events(ns.name());
        Event deploying = events.get(0);
        assertThat(deploying.getReason()).isEqualTo("Deploying");
        assertThat(deploying.getType()).isEqualTo("Normal");
        assertThat(deploying.getMessage()).isEqualTo("deploying a session cluster");
        assertThat(deploying.getFirstTimestamp()).isEqualTo("2026-11-01T10:00:00Z");
        assertThat(deploying.getLastTimestamp()).isEqualTo("2026-11-01T10:00:02Z");
        assertThat(deploying.getSource().getComponent()).isEqualTo("flinkop");
        assertThat(deploying.getInvolvedObject().getKind()).isEqualTo("FlinkDeployment");
        assertThat(deploying.getInvolvedObject().getName()).isEqualTo("orders");
        assertThat(deploying.getInvolvedObject().getUid()).isEqualTo(created.metadata().uid());
        Event failed = events.get(1);
        assertThat(failed.getReason()).isEqualTo("JobFailed");
        assertThat(failed.getType()).isEqualTo("Warning");
        assertThat(failed.getCount()).isEqualTo(1);
    }

    @Test
    void the_informers_survive_an_api_server_restart(KubeNamespace ns) throws Exception {
        KubeControlPlane plane = ns.controlPlane();
        KubernetesResourceStore store = started(client, KubernetesStoreSettings.defaults().withNamespaces(Set.of(ns.name())));
        List<ResourceKey> changes = java.util.Collections.synchronizedList(new ArrayList<>());
        opened.add(store.watch(changes::add));
        ResourceKey before = ResourceKey.of(store.apply(deployment(ns.name(), "before")).get());

        plane.stopApiServer();
        try {
            assertThat(store.get(before).isDefined()).as("reads come from the cache while the API server is down").isTrue();
            Either<PortFailure, FlinkResource> whileDown = store.apply(deployment(ns.name(), "while-down"));
            assertThat(whileDown.getLeft().reason()).isIn(Reason.UNAVAILABLE, Reason.TIMEOUT);
        } finally {
            plane.startApiServer();
        }

        java.nio.file.Path file = plane.workDir().resolve(ns.name() + "-after.yaml");
        java.nio.file.Files.writeString(file, """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata:
                  name: after
                  namespace: %s
                spec:
                  flinkVersion: v1_20
                  jobManager: {resource: {memory: 1g, cpu: 1}}
                  taskManager: {resource: {memory: 1g, cpu: 1}}
                  job: {jarURI: "local:///opt/flink/job.jar", parallelism: 3, upgradeMode: stateless}
                """.formatted(ns.name()));
        plane.kubectl("apply", "-f", file.toString());
        ResourceKey after = new ResourceKey(before.kind(), ns.name(), "after");
        eventually("the store sees a resource created after the restart", () -> store.get(after).isDefined());
        assertThat(((FlinkDeployment) store.get(after).get()).spec().job().parallelism()).isEqualTo(3);
        eventually("the watch reports it", () -> changes.contains(after));
    }

    @Test
    void a_store_serves_only_its_namespaces_and_the_resources_its_label_selector_selects(KubeNamespace ns) {
        KubernetesResourceStore everything = started(client, KubernetesStoreSettings.defaults().withNamespaces(Set.of(ns.name())));
        KubernetesResourceStore selective = started(client, KubernetesStoreSettings.defaults().withNamespaces(Set.of(ns.name()))
                .withLabels(Map.of("flinkop.org/managed", "true")));
        everything.apply(deployment(ns.name(), "unlabelled"));
        FlinkResource labelled = everything.apply(deployment(ns.name(), "labelled", 1, Map.of("flinkop.org/managed", "true"))).get();

        eventually("the selective store sees the labelled resource", () -> selective.get(ResourceKey.of(labelled)).isDefined());
        assertThat(selective.list(labelled.kind()).map(r -> r.metadata().name())).containsExactly("labelled");
        assertThat(selective.apply(deployment(ns.name(), "unlabelled-again")).getLeft().reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(selective.apply(deployment("elsewhere", "orders", 1, Map.of("flinkop.org/managed", "true"))).getLeft().reason())
                .isEqualTo(Reason.FORBIDDEN);
    }

    @Test
    void what_the_api_server_refuses_is_rejected_with_its_own_words(KubeNamespace ns) {
        KubernetesResourceStore store = started(client, KubernetesStoreSettings.defaults().withNamespaces(Set.of(ns.name())));

        Either<PortFailure, FlinkResource> refused = store.apply(deployment(ns.name(), "orders", 1, Map.of("team", "not a valid label value!")));

        assertThat(refused.getLeft().reason()).isEqualTo(Reason.REJECTED);
        assertThat(refused.getLeft().message()).contains("metadata.labels").contains("Invalid value");
    }

    @Test
    void a_user_without_rights_is_forbidden_to_start_a_store(KubeNamespace ns) {
        try (KubernetesClient nobody = KubeClients.withToken(ns.controlPlane(), ns.controlPlane().tokenWithoutRights())) {
            KubernetesResourceStore store = KubernetesResourceStore.create(nobody, KubernetesStoreSettings.defaults().withNamespaces(Set.of(ns.name())));
            opened.add(store);

            Either<PortFailure, ?> started = store.start();

            assertThat(started.getLeft().reason()).isEqualTo(Reason.FORBIDDEN);
            assertThat(started.getLeft().message()).contains("forbidden").contains("nobody");
            assertThat(store.apply(deployment(ns.name(), "orders")).getLeft().reason()).isEqualTo(Reason.FORBIDDEN);
        }
    }

    private KubernetesResourceStore started(KubernetesClient kubernetes, KubernetesStoreSettings settings) {
        KubernetesResourceStore store = KubernetesResourceStore.create(kubernetes, settings);
        opened.add(store);
        assertThat(store.start().isRight()).as("store started").isTrue();
        return store;
    }

    private static List<Event> events(String namespace) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .sorted(Comparator.comparing(Event::getFirstTimestamp))
                .toList();
    }

    private static ResourceLifecycleState lifecycle(FlinkResource resource) {
        FlinkDeployment deployment = (FlinkDeployment) resource;
        return deployment.status() == null ? null : deployment.status().lifecycleState();
    }
}
