package org.flinkop.runtime.embedded.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ObjectMeta;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.PortFailure;
import org.flinkop.runtime.embedded.yaml.Yaml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the file store adds to the store contract: file names, failed writes, its own watch thread, many writers. */
class FileResourceStoreTest {

    private static final Clock CLOCK = Clock.fixed(StoreFixtures.T0, ZoneOffset.UTC);

    private FileResourceStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void each_resource_is_one_json_file_under_its_kind_and_namespace_that_yaml_tools_read_as_the_resource() throws IOException {
        Path folder = StoreFixtures.freshFolder("store-layout");
        store = FileResourceStore.open(folder, CLOCK).get();

        FlinkResource deployment = store.apply(StoreFixtures.deployment("prod", "orders", 2)).get();
        store.apply(StoreFixtures.snapshot(null, "savepoint-1")).get();

        Path file = folder.resolve("resources/FlinkDeployment/prod/orders.json");
        String text = Files.readString(file);
        assertThat(text).startsWith("{\n  \"apiVersion\" : \"flink.apache.org/v1beta1\",\n  \"kind\" : \"FlinkDeployment\",\n");
        Object asYaml = Yaml.read(file, text).get().get(0).tree();
        assertThat(ResourceBinding.decode(asYaml).resource()).contains(deployment);
        assertThat(folder.resolve("resources/FlinkStateSnapshot/_/savepoint-1.json")).exists();
    }

    @Test
    void a_name_that_is_not_a_kubernetes_name_is_rejected_and_nothing_is_written_outside_the_folder() {
        Path folder = StoreFixtures.freshFolder("store-names");
        store = FileResourceStore.open(folder, CLOCK).get();
        FlinkDeployment valid = StoreFixtures.deployment("prod", "orders", 1);

        Either<PortFailure, FlinkResource> escaping = store.apply(new FlinkDeployment(renamed(valid.metadata(), "prod", "../../escape"), valid.spec(), null));
        Either<PortFailure, FlinkResource> badNamespace = store.apply(new FlinkDeployment(renamed(valid.metadata(), "../x", "orders"), valid.spec(), null));

        assertThat(escaping.getLeft().reason()).isEqualTo(PortFailure.Reason.REJECTED);
        assertThat(escaping.getLeft().message()).startsWith("metadata.name: '../../escape' cannot be stored (allowed: lower-case letters");
        assertThat(badNamespace.getLeft().message()).startsWith("metadata.namespace: '../x' cannot be stored");
        assertThat(folder.resolve("escape.json")).doesNotExist();
        assertThat(store.list(ResourceKind.FLINK_DEPLOYMENT)).isEmpty();
    }

    @Test
    void a_write_the_file_system_refuses_is_unavailable_naming_the_file_and_leaves_the_resource_as_it_was() throws IOException {
        Path folder = StoreFixtures.freshFolder("store-failed-write");
        store = FileResourceStore.open(folder, CLOCK).get();
        FlinkDeployment deployment = (FlinkDeployment) store.apply(StoreFixtures.deployment("prod", "orders", 1)).get();
        // a file where the namespace folder of a new resource must go: the write fails whoever runs the test
        Files.writeString(folder.resolve("resources/FlinkDeployment/blocked"), "not a folder");

        Either<PortFailure, FlinkResource> refused = store.apply(StoreFixtures.deployment("blocked", "orders", 1));

        assertThat(refused.getLeft().reason()).isEqualTo(PortFailure.Reason.UNAVAILABLE);
        assertThat(refused.getLeft().message()).startsWith("cannot write " + folder.resolve("resources/FlinkDeployment/blocked/orders.json") + ": ");
        assertThat(store.get(new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "blocked", "orders"))).isEmpty();
        assertThat(store.get(ResourceKey.of(deployment))).contains(deployment);
    }

    @Test
    void listeners_are_told_on_a_thread_of_the_store_and_a_blocked_listener_does_not_hold_up_writers() throws Exception {
        store = FileResourceStore.open(StoreFixtures.freshFolder("store-watch"), CLOCK).get();
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> listenerThread = new AtomicReference<>();
        List<ResourceKey> told = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch allTold = new CountDownLatch(3);
        try (AutoCloseable watch = store.watch(key -> {
            listenerThread.compareAndSet(null, Thread.currentThread().getName());
            awaitQuietly(release);
            told.add(key);
            allTold.countDown();
        })) {
            FlinkResource a = store.apply(StoreFixtures.deployment("prod", "a", 1)).get();
            FlinkResource b = store.apply(StoreFixtures.deployment("prod", "b", 1)).get();
            store.delete(ResourceKey.of(a)).get();
            // all three writes returned while the listener is still blocked in the first notification
            assertThat(told).isEmpty();
            release.countDown();
            assertThat(allTold.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(told).containsExactly(ResourceKey.of(a), ResourceKey.of(b), ResourceKey.of(a));
            assertThat(listenerThread.get()).startsWith("flinkop-store-watch").isNotEqualTo(Thread.currentThread().getName());
        }
    }

    @Test
    void status_writes_from_many_threads_with_retries_on_conflict_lose_no_update() throws Exception {
        Path folder = StoreFixtures.freshFolder("store-many-writers");
        store = FileResourceStore.open(folder, CLOCK).get();
        FlinkDeployment created = (FlinkDeployment) store.apply(StoreFixtures.deployment("prod", "orders", 1)).get();
        store.writeStatus(created.withStatus(StoreFixtures.upgradingStatus(created, 0))).get();
        ResourceKey key = ResourceKey.of(created);
        int threads = 4;
        int incrementsEach = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                writers.add(pool.submit(() -> incrementObservedGeneration(key, incrementsEach)));
            }
            for (Future<?> writer : writers) {
                writer.get(2, TimeUnit.MINUTES);
            }
            FlinkDeployment last = (FlinkDeployment) store.get(key).get();
            assertThat(last.status().observedGeneration()).isEqualTo((long) threads * incrementsEach);
            store.close();
            store = FileResourceStore.open(folder, CLOCK).get();
            assertThat(store.get(key)).contains(last);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Read, change, write; again on conflict. */
    private void incrementObservedGeneration(ResourceKey key, int times) {
        for (int i = 0; i < times; ) {
            FlinkDeployment current = (FlinkDeployment) store.get(key).get();
            var status = current.status();
            var next = new org.flinkop.domain.resource.FlinkDeploymentStatus(status.jobStatus(), status.error(), status.observedGeneration() + 1,
                    status.lifecycleState(), status.clusterInfo(), status.jobManagerDeploymentStatus(), status.reconciliationStatus(),
                    status.taskManager(), status.conditions(), status.clusterHealth());
            Either<PortFailure, FlinkResource> written = store.writeStatus(current.withStatus(next));
            if (written.isRight()) {
                i++;
            } else if (written.getLeft().reason() != PortFailure.Reason.CONFLICT) {
                throw new AssertionError(written.getLeft().toString());
            }
        }
    }

    private static ObjectMeta renamed(ObjectMeta m, String namespace, String name) {
        return new ObjectMeta(name, namespace, null, null, null, null, null, m.labels(), m.annotations(), m.finalizers());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
