package org.flinkop.runtime.embedded.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.flinkop.domain.decision.Action.EventType;
import org.flinkop.domain.decision.EventReason;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.FlinkStateSnapshot;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.store.RecordedEvent;
import org.flinkop.runtime.embedded.store.RecoveryReport.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a store folder gives back when it is opened again: everything written, and a report of what it could not take. */
class FileResourceStoreRecoveryTest {

    private static final Clock CLOCK = Clock.fixed(StoreFixtures.T0, ZoneOffset.UTC);

    private final java.util.List<FileResourceStore> opened = new java.util.ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(FileResourceStore::close);
    }

    @Test
    void a_reopened_store_reads_back_exactly_the_resources_statuses_and_events_written() {
        Path folder = StoreFixtures.freshFolder("recovery-round-trip");
        FileResourceStore store = open(folder);
        FlinkDeployment deployment = (FlinkDeployment) store.apply(StoreFixtures.deployment("prod", "orders", 2)).get();
        store.writeStatus(deployment.withStatus(StoreFixtures.upgradingStatus(deployment, 7))).get();
        store.addFinalizer(ResourceKey.of(deployment), "flinkop.org/finalizer").get();
        FlinkSessionJob job = (FlinkSessionJob) store.apply(StoreFixtures.sessionJob("prod", "enrich")).get();
        store.writeStatus(job.withStatus(StoreFixtures.sessionJobStatus(job))).get();
        FlinkStateSnapshot snapshot = (FlinkStateSnapshot) store.apply(StoreFixtures.snapshot(null, "savepoint-1")).get();
        store.writeStatus(snapshot.withStatus(StoreFixtures.snapshotStatus())).get();
        store.delete(ResourceKey.of(deployment)).get();
        RecordedEvent event = new RecordedEvent(StoreFixtures.T0, EventReason.UPGRADE_PATH_CHOSEN, EventType.NORMAL, "savepoint upgrade: \"orders\"\nline two");
        store.recordEvent(ResourceKey.of(deployment), event);
        List<FlinkResource> before = everything(store);
        long highest = before.map(r -> Long.parseLong(r.metadata().resourceVersion())).max().get();
        close(store);

        FileResourceStore reopened = open(folder);

        assertThat(reopened.recovery().findings()).isEmpty();
        assertThat(reopened.recovery().resources()).isEqualTo(3);
        assertThat(everything(reopened)).containsExactlyElementsOf(before);
        FlinkDeployment back = (FlinkDeployment) reopened.get(ResourceKey.of(deployment)).get();
        assertThat(back.status().reconciliationStatus().upgrade()).isEqualTo(StoreFixtures.upgradingStatus(deployment, 7).reconciliationStatus().upgrade());
        assertThat(back.metadata().deletionTimestamp()).isEqualTo(StoreFixtures.T0);
        assertThat(reopened.events(ResourceKey.of(deployment))).containsExactly(event);
        FlinkSessionJob written = (FlinkSessionJob) reopened.writeStatus(reopened.get(ResourceKey.of(job)).get()).get();
        assertThat(Long.parseLong(written.metadata().resourceVersion())).isGreaterThan(highest);
    }

    @Test
    void resource_versions_keep_growing_after_the_newest_resource_was_removed() {
        Path folder = StoreFixtures.freshFolder("recovery-versions");
        FileResourceStore store = open(folder);
        store.apply(StoreFixtures.deployment("prod", "kept", 1)).get();
        FlinkResource removed = store.apply(StoreFixtures.deployment("prod", "removed", 1)).get();
        store.delete(ResourceKey.of(removed)).get();
        close(store);

        FileResourceStore reopened = open(folder);
        FlinkResource recreated = reopened.apply(StoreFixtures.deployment("prod", "removed", 1)).get();

        assertThat(Long.parseLong(recreated.metadata().resourceVersion())).isGreaterThan(Long.parseLong(removed.metadata().resourceVersion()));
        assertThat(recreated.metadata().uid()).isNotEqualTo(removed.metadata().uid());
    }

    @Test
    void a_leftover_temporary_file_is_removed_and_reported_and_the_resource_keeps_its_last_version() throws IOException {
        Path folder = StoreFixtures.freshFolder("recovery-leftover");
        FileResourceStore store = open(folder);
        FlinkDeployment deployment = (FlinkDeployment) store.apply(StoreFixtures.deployment("prod", "orders", 2)).get();
        FlinkResource last = store.writeStatus(deployment.withStatus(StoreFixtures.upgradingStatus(deployment, 1))).get();
        close(store);
        Path file = new StoreLayout(folder).resourceFile(ResourceKey.of(deployment));
        Path leftover = StoreLayout.temporaryFor(file);
        byte[] next = ResourceCodec.encode(deployment.withStatus(StoreFixtures.upgradingStatus(deployment, 2)));
        Files.write(leftover, Arrays.copyOf(next, next.length / 2));

        FileResourceStore reopened = open(folder);

        assertThat(reopened.recovery().findings()).extracting(RecoveryReport.Finding::reason, RecoveryReport.Finding::file)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Reason.LEFTOVER_TEMPORARY_FILE, leftover));
        assertThat(leftover).doesNotExist();
        assertThat(reopened.get(ResourceKey.of(deployment)).get()).isEqualTo(last);
    }

    @Test
    void a_corrupt_file_is_reported_by_name_the_others_load_and_changes_to_it_are_refused() throws IOException {
        Path folder = StoreFixtures.freshFolder("recovery-corrupt");
        FileResourceStore store = open(folder);
        FlinkResource healthy = store.apply(StoreFixtures.deployment("prod", "healthy", 1)).get();
        FlinkResource damaged = store.apply(StoreFixtures.deployment("prod", "damaged", 1)).get();
        FlinkResource job = store.apply(StoreFixtures.sessionJob("prod", "enrich")).get();
        close(store);
        Path damagedFile = new StoreLayout(folder).resourceFile(ResourceKey.of(damaged));
        byte[] whole = Files.readAllBytes(damagedFile);
        byte[] cut = Arrays.copyOf(whole, whole.length - 10);
        Files.write(damagedFile, cut);

        FileResourceStore reopened = open(folder);

        assertThat(reopened.recovery().findings(Reason.UNREADABLE_RESOURCE)).singleElement()
                .satisfies(f -> assertThat(f.file()).isEqualTo(damagedFile))
                .satisfies(f -> assertThat(f.describe()).startsWith(damagedFile + ": it is not JSON: line "));
        assertThat(reopened.recovery().describe().head()).contains("2 resource(s) loaded", "1 file(s) not taken as they were");
        assertThat(reopened.get(ResourceKey.of(healthy))).contains(healthy);
        assertThat(reopened.get(ResourceKey.of(job))).contains(job);
        assertThat(reopened.get(ResourceKey.of(damaged))).isEmpty();
        Either<PortFailure, FlinkResource> refused = reopened.apply(StoreFixtures.deployment("prod", "damaged", 3));
        assertThat(refused.getLeft().reason()).isEqualTo(PortFailure.Reason.UNAVAILABLE);
        assertThat(refused.getLeft().message()).contains(damagedFile.toString(), "repair or remove the file");
        assertThat(Files.readAllBytes(damagedFile)).as("left as it was").isEqualTo(cut);
        assertThat(reopened.apply(StoreFixtures.deployment("prod", "healthy", 3)).isRight()).isTrue();
    }

    @Test
    void a_file_holding_another_resource_than_its_path_names_is_refused() throws IOException {
        Path folder = StoreFixtures.freshFolder("recovery-misplaced");
        FileResourceStore store = open(folder);
        FlinkResource original = store.apply(StoreFixtures.deployment("prod", "orders", 1)).get();
        close(store);
        StoreLayout layout = new StoreLayout(folder);
        Path copy = layout.resourceFile(new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "prod", "copy"));
        Files.copy(layout.resourceFile(ResourceKey.of(original)), copy);

        FileResourceStore reopened = open(folder);

        assertThat(reopened.recovery().findings()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo(Reason.UNREADABLE_RESOURCE);
            assertThat(f.detail()).isEqualTo("it holds FlinkDeployment prod/orders but its path names FlinkDeployment prod/copy");
        });
        assertThat(reopened.list(ResourceKind.FLINK_DEPLOYMENT)).containsExactly(original);
    }

    @Test
    void unreadable_events_are_reported_and_the_resource_loads_without_them() throws IOException {
        Path folder = StoreFixtures.freshFolder("recovery-events");
        FileResourceStore store = open(folder);
        FlinkResource deployment = store.apply(StoreFixtures.deployment("prod", "orders", 1)).get();
        store.recordEvent(ResourceKey.of(deployment), new RecordedEvent(StoreFixtures.T0, EventReason.DEPLOYING, EventType.NORMAL, "deploying"));
        close(store);
        Path eventsFile = new StoreLayout(folder).eventsFile(ResourceKey.of(deployment));
        Files.writeString(eventsFile, "{\"events\": [{\"at\": \"yesterday\", \"reason\": \"DEPLOYING\", \"type\": \"NORMAL\", \"message\": \"m\"}]}",
                StandardCharsets.UTF_8);

        FileResourceStore reopened = open(folder);

        assertThat(reopened.recovery().findings()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo(Reason.UNREADABLE_EVENTS);
            assertThat(f.file()).isEqualTo(eventsFile);
            assertThat(f.detail()).startsWith("events[0]: needs 'at' (an RFC 3339 time)");
        });
        assertThat(reopened.get(ResourceKey.of(deployment))).contains(deployment);
        assertThat(reopened.events(ResourceKey.of(deployment))).isEmpty();
    }

    @Test
    void events_are_kept_per_resource_up_to_the_bound_and_survive_a_restart() {
        Path folder = StoreFixtures.freshFolder("recovery-event-bound");
        FileResourceStore store = open(folder);
        ResourceKey key = ResourceKey.of(store.apply(StoreFixtures.deployment("prod", "orders", 1)).get());
        ResourceKey other = ResourceKey.of(store.apply(StoreFixtures.deployment("prod", "other", 1)).get());
        for (int i = 0; i < EventLog.PER_RESOURCE + 10; i++) {
            store.recordEvent(key, new RecordedEvent(StoreFixtures.T0.plusSeconds(i), EventReason.RUNNING, EventType.NORMAL, "event " + i));
        }
        store.recordEvent(other, new RecordedEvent(StoreFixtures.T0, EventReason.JOB_FAILED, EventType.WARNING, "failed"));
        List<RecordedEvent> kept = store.events(key);
        close(store);

        FileResourceStore reopened = open(folder);

        assertThat(kept).hasSize(EventLog.PER_RESOURCE);
        assertThat(kept.head().message()).isEqualTo("event 10");
        assertThat(kept.last().message()).isEqualTo("event " + (EventLog.PER_RESOURCE + 9));
        assertThat(reopened.events(key)).containsExactlyElementsOf(kept);
        assertThat(reopened.events(other)).extracting(RecordedEvent::message).containsExactly("failed");
    }

    @Test
    void the_events_of_a_removed_resource_go_with_it() {
        Path folder = StoreFixtures.freshFolder("recovery-events-removed");
        FileResourceStore store = open(folder);
        ResourceKey key = ResourceKey.of(store.apply(StoreFixtures.deployment("prod", "orders", 1)).get());
        store.recordEvent(key, new RecordedEvent(StoreFixtures.T0, EventReason.DELETING, EventType.NORMAL, "deleting"));
        store.delete(key).get();
        close(store);

        FileResourceStore reopened = open(folder);

        assertThat(reopened.recovery().findings()).isEmpty();
        assertThat(reopened.events(key)).isEmpty();
        assertThat(new StoreLayout(folder).eventsFile(key)).doesNotExist();
    }

    @Test
    void files_the_store_does_not_write_are_reported_and_left_alone_and_events_without_a_resource_are_removed() throws IOException {
        Path folder = StoreFixtures.freshFolder("recovery-strays");
        FileResourceStore store = open(folder);
        FlinkResource deployment = store.apply(StoreFixtures.deployment("prod", "orders", 1)).get();
        close(store);
        Path notes = Files.writeString(folder.resolve("resources/FlinkDeployment/prod/notes.txt"), "mine");
        Path backup = Files.createDirectory(folder.resolve("backup"));
        StoreLayout layout = new StoreLayout(folder);
        Path orphan = layout.eventsFile(new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "prod", "gone"));
        Files.createDirectories(orphan.getParent());
        Files.write(orphan, EventLog.encode(List.of(new RecordedEvent(StoreFixtures.T0, EventReason.DELETING, EventType.NORMAL, "bye"))));

        FileResourceStore reopened = open(folder);

        assertThat(reopened.recovery().findings()).extracting(RecoveryReport.Finding::reason, RecoveryReport.Finding::file).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Reason.UNEXPECTED_FILE, backup),
                org.assertj.core.groups.Tuple.tuple(Reason.ORPHANED_EVENTS, orphan),
                org.assertj.core.groups.Tuple.tuple(Reason.UNEXPECTED_FILE, notes));
        assertThat(notes).exists();
        assertThat(backup).exists();
        assertThat(orphan).doesNotExist();
        assertThat(reopened.list(ResourceKind.FLINK_DEPLOYMENT)).containsExactly(deployment);
    }

    @Test
    void a_second_store_on_an_open_folder_is_refused_until_the_first_is_closed() {
        Path folder = StoreFixtures.freshFolder("recovery-locked");
        FileResourceStore first = open(folder);

        Either<PortFailure, FileResourceStore> second = FileResourceStore.open(folder, CLOCK);

        assertThat(second.getLeft().reason()).isEqualTo(PortFailure.Reason.UNAVAILABLE);
        assertThat(second.getLeft().message()).contains("the store " + folder + " is in use by this process", folder.resolve("store.lock").toString());
        close(first);
        assertThat(open(folder).recovery().isClean()).isTrue();
    }

    @Test
    void a_closed_store_refuses_changes() {
        FileResourceStore store = open(StoreFixtures.freshFolder("recovery-closed"));
        close(store);

        Either<PortFailure, FlinkResource> refused = store.apply(StoreFixtures.deployment("prod", "orders", 1));

        assertThat(refused.getLeft().reason()).isEqualTo(PortFailure.Reason.UNAVAILABLE);
        assertThat(refused.getLeft().message()).endsWith("is closed");
    }

    private FileResourceStore open(Path folder) {
        Either<PortFailure, FileResourceStore> store = FileResourceStore.open(folder, CLOCK);
        assertThat(store.isRight()).as("open: %s", store).isTrue();
        opened.add(store.get());
        return store.get();
    }

    private void close(FileResourceStore store) {
        store.close();
        opened.remove(store);
    }

    private static List<FlinkResource> everything(FileResourceStore store) {
        return List.of(ResourceKind.values()).flatMap(store::list);
    }
}
