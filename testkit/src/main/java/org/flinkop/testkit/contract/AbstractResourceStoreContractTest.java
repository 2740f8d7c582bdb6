package org.flinkop.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.store.ResourceStore;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ResourceStore} must do, as the control loop relies on it. Extend it with a store to test:
 * the testkit's fake, the Kubernetes adapter against a real API server, the embedded durable store.
 */
public abstract class AbstractResourceStoreContractTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String FINALIZER = "flinkop.org/finalizer";

    /** The store under test, empty of the resources this test creates. */
    protected abstract ResourceStore store();

    /** The namespace resources are created in. */
    protected String namespace() {
        return "contract";
    }

    /** How long a watch may take to report a change. */
    protected Duration watchTimeout() {
        return Duration.ofSeconds(10);
    }

    @Test
    void a_new_resource_gets_a_uid_generation_one_and_a_resource_version() {
        FlinkDeployment created = (FlinkDeployment) apply(deployment(uniqueName(), 2));

        assertThat(created.metadata().uid()).isNotBlank();
        assertThat(created.metadata().generation()).isEqualTo(1L);
        assertThat(created.metadata().resourceVersion()).isNotBlank();
        assertThat(created.metadata().creationTimestamp()).isNotNull();
        assertThat(store().get(ResourceKey.of(created)).get().spec()).isEqualTo(created.spec());
    }

    @Test
    void applying_the_same_spec_again_changes_nothing() {
        FlinkResource created = apply(deployment(uniqueName(), 2));

        FlinkResource again = apply(deployment(created.metadata().name(), 2));

        assertThat(again.metadata().generation()).isEqualTo(1L);
        assertThat(again.metadata().resourceVersion()).isEqualTo(created.metadata().resourceVersion());
    }

    @Test
    void a_spec_change_bumps_the_generation_and_keeps_the_status() {
        FlinkDeployment created = (FlinkDeployment) apply(deployment(uniqueName(), 2));
        writeStatus(created.withStatus(status(ResourceLifecycleState.STABLE)));

        FlinkDeployment changed = (FlinkDeployment) apply(deployment(created.metadata().name(), 4));

        assertThat(changed.metadata().generation()).isEqualTo(2L);
        assertThat(changed.spec().job().parallelism()).isEqualTo(4);
        assertThat(((FlinkDeployment) store().get(ResourceKey.of(created)).get()).status().lifecycleState()).isEqualTo(ResourceLifecycleState.STABLE);
    }

    @Test
    void a_status_write_with_the_current_version_succeeds_and_leaves_spec_and_generation() {
        FlinkDeployment created = (FlinkDeployment) apply(deployment(uniqueName(), 2));

        FlinkDeployment written = (FlinkDeployment) writeStatus(created.withStatus(status(ResourceLifecycleState.DEPLOYED)));

        assertThat(written.status().lifecycleState()).isEqualTo(ResourceLifecycleState.DEPLOYED);
        assertThat(written.metadata().resourceVersion()).isNotEqualTo(created.metadata().resourceVersion());
        assertThat(written.metadata().generation()).isEqualTo(1L);
        assertThat(written.spec()).isEqualTo(created.spec());
    }

    @Test
    void a_status_write_with_a_stale_version_is_a_conflict_and_writes_nothing() {
        FlinkDeployment created = (FlinkDeployment) apply(deployment(uniqueName(), 2));
        writeStatus(created.withStatus(status(ResourceLifecycleState.DEPLOYED)));

        Either<PortFailure, FlinkResource> stale = store().writeStatus(created.withStatus(status(ResourceLifecycleState.FAILED)));

        assertThat(stale.isLeft()).isTrue();
        assertThat(stale.getLeft().reason()).isEqualTo(PortFailure.Reason.CONFLICT);
        assertThat(((FlinkDeployment) store().get(ResourceKey.of(created)).get()).status().lifecycleState()).isEqualTo(ResourceLifecycleState.DEPLOYED);
    }

    @Test
    void deletion_waits_for_the_finalizer_and_ends_when_it_is_removed() {
        FlinkResource created = apply(deployment(uniqueName(), 2));
        ResourceKey key = ResourceKey.of(created);
        assertThat(store().addFinalizer(key, FINALIZER).get().metadata().finalizers()).containsExactly(FINALIZER);
        assertThat(store().addFinalizer(key, FINALIZER).get().metadata().finalizers()).as("idempotent").containsExactly(FINALIZER);

        assertThat(store().delete(key).isRight()).isTrue();
        FlinkResource deleting = store().get(key).get();
        assertThat(deleting.metadata().deletionTimestamp()).isNotNull();

        assertThat(store().removeFinalizer(key, FINALIZER).get()).isEmpty();
        assertThat(store().get(key)).isEmpty();
    }

    @Test
    void a_resource_without_finalizers_is_deleted_at_once_and_a_missing_one_is_not_found() {
        FlinkResource created = apply(deployment(uniqueName(), 2));
        ResourceKey key = ResourceKey.of(created);

        assertThat(store().delete(key).isRight()).isTrue();
        assertEventually(() -> store().get(key).isEmpty());
        assertThat(store().delete(key).getLeft().reason()).isEqualTo(PortFailure.Reason.NOT_FOUND);
        assertThat(store().get(new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, namespace(), uniqueName()))).isEmpty();
    }

    @Test
    void list_returns_the_resources_of_a_kind() {
        FlinkResource a = apply(deployment(uniqueName(), 1));
        FlinkResource b = apply(deployment(uniqueName(), 1));

        assertThat(store().list(ResourceKind.FLINK_DEPLOYMENT).map(r -> r.metadata().name())).contains(a.metadata().name(), b.metadata().name());
        assertThat(store().list(ResourceKind.FLINK_SESSION_JOB).map(r -> r.metadata().name())).doesNotContain(a.metadata().name());
    }

    @Test
    void a_watch_reports_creations_changes_and_deletions() throws Exception {
        Set<ResourceKey> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger calls = new AtomicInteger();
        try (AutoCloseable watch = store().watch(key -> {
            seen.add(key);
            calls.incrementAndGet();
        })) {
            FlinkResource created = apply(deployment(uniqueName(), 1));
            ResourceKey key = ResourceKey.of(created);
            assertEventually(() -> seen.contains(key));
            int before = calls.get();
            writeStatus(((FlinkDeployment) created).withStatus(status(ResourceLifecycleState.CREATED)));
            assertEventually(() -> calls.get() > before);
            int beforeDelete = calls.get();
            store().delete(key);
            assertEventually(() -> calls.get() > beforeDelete);
        }
    }

    // helpers

    protected final String uniqueName() {
        return "contract-" + NAMES.incrementAndGet() + "-" + Long.toHexString(Thread.currentThread().getId());
    }

    private FlinkResource apply(FlinkResource resource) {
        Either<PortFailure, FlinkResource> result = store().apply(resource);
        assertThat(result.isRight()).as("apply: %s", result).isTrue();
        return result.get();
    }

    private FlinkResource writeStatus(FlinkResource resource) {
        Either<PortFailure, FlinkResource> result = store().writeStatus(resource);
        assertThat(result.isRight()).as("writeStatus: %s", result).isTrue();
        return result.get();
    }

    protected final FlinkDeployment deployment(String name, int parallelism) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", FlinkResource.API_VERSION);
        doc.put("kind", "FlinkDeployment");
        doc.put("metadata", Map.of("name", name, "namespace", namespace()));
        doc.put("spec", Map.of(
                "flinkVersion", "v1_20",
                "jobManager", Map.of("resource", Map.of("memory", "1g", "cpu", 1)),
                "taskManager", Map.of("resource", Map.of("memory", "1g", "cpu", 1)),
                "job", Map.of("jarURI", "local:///opt/flink/job.jar", "parallelism", parallelism, "upgradeMode", "stateless")));
        return (FlinkDeployment) ResourceBinding.decode(doc).resource().get();
    }

    private static FlinkDeploymentStatus status(ResourceLifecycleState lifecycle) {
        return new FlinkDeploymentStatus(null, null, 1L, lifecycle, null, null, null, null, List.of(), null);
    }

    private void assertEventually(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + watchTimeout().toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within " + watchTimeout());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
