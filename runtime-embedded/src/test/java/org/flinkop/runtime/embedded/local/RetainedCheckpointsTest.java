package org.flinkop.runtime.embedded.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.flinkop.domain.resource.StateLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetainedCheckpointsTest {

    @TempDir
    Path root;

    @Test
    void the_checkpoint_whose_metadata_was_written_last_is_the_newest_across_jobs() throws IOException {
        checkpoint("job-a", "chk-7", Instant.parse("2026-01-01T10:00:00Z"));
        Path newest = checkpoint("job-b", "chk-2", Instant.parse("2026-01-01T10:05:00Z"));
        checkpoint("job-a", "chk-8", Instant.parse("2026-01-01T10:01:00Z"));

        assertThat(RetainedCheckpoints.newest(root).get().path()).isEqualTo("file:" + newest);
        assertThat(RetainedCheckpoints.newest(root).get().completedAt()).isEqualTo(Instant.parse("2026-01-01T10:05:00Z"));
    }

    @Test
    void a_jobs_newest_state_is_its_own_newest_checkpoint_even_when_another_job_wrote_one_later() throws IOException {
        Path own = checkpoint("job-b", "chk-3", Instant.parse("2026-01-01T10:02:00Z"));
        checkpoint("job-a", "chk-9", Instant.parse("2026-01-01T10:05:00Z"));

        assertThat(RetainedCheckpoints.newestOf(root, "job-b", StateLocation.none()).get().path()).isEqualTo("file:" + own);
    }

    @Test
    void a_job_that_checkpointed_nothing_left_what_it_restored_from_and_never_an_earlier_jobs_checkpoint() throws IOException {
        Path restored = checkpoint("job-a", "chk-7", Instant.parse("2026-01-01T10:00:00Z"));
        checkpoint("job-a", "chk-8", Instant.parse("2026-01-01T10:01:00Z"));
        Files.createDirectories(root.resolve("job-b").resolve("chk-1"));

        var fromCheckpoint = RetainedCheckpoints.newestOf(root, "job-b", StateLocation.checkpoint("file:" + restored));
        assertThat(fromCheckpoint.get().path()).isEqualTo("file:" + restored);
        assertThat(fromCheckpoint.get().completedAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(RetainedCheckpoints.newestOf(root, "job-b", StateLocation.savepoint("file:/savepoints/savepoint-a-1")))
                .as("started from a savepoint, newer than job-a's checkpoints: the status's savepoint is the state").isEmpty();
        assertThat(RetainedCheckpoints.newestOf(root, "job-b", StateLocation.none())).as("started empty").isEmpty();
        assertThat(RetainedCheckpoints.newestOf(root, "job-b", StateLocation.checkpoint("file:" + root.resolve("job-a").resolve("chk-1"))))
                .as("a restored checkpoint that is gone").isEmpty();
    }

    @Test
    void a_checkpoint_without_metadata_did_not_complete() throws IOException {
        Path done = checkpoint("job-a", "chk-1", Instant.parse("2026-01-01T10:00:00Z"));
        Files.createDirectories(root.resolve("job-a").resolve("chk-2"));
        Files.createDirectories(root.resolve("job-a").resolve("shared"));

        assertThat(RetainedCheckpoints.newest(root).get().path()).isEqualTo("file:" + done);
    }

    @Test
    void no_directory_means_no_checkpoint() {
        assertThat(RetainedCheckpoints.newest(root.resolve("absent"))).isEmpty();
        assertThat(RetainedCheckpoints.newest(root)).isEmpty();
    }

    @Test
    void only_local_checkpoint_directories_are_read() {
        assertThat(RetainedCheckpoints.localDirectory("file:///tmp/checkpoints").get()).isEqualTo(Path.of("/tmp/checkpoints"));
        assertThat(RetainedCheckpoints.localDirectory("/tmp/checkpoints").get()).isEqualTo(Path.of("/tmp/checkpoints"));
        assertThat(RetainedCheckpoints.localDirectory("s3://bucket/checkpoints")).isEmpty();
    }

    private Path checkpoint(String job, String name, Instant completed) throws IOException {
        Path dir = Files.createDirectories(root.resolve(job).resolve(name));
        Path metadata = Files.writeString(dir.resolve("_metadata"), "m");
        Files.setLastModifiedTime(metadata, FileTime.from(completed));
        return dir;
    }
}
