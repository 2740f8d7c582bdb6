package org.flinkop.adapters.flink.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.io.InputStream;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.rest.handler.async.AsynchronousOperationResult;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.apache.flink.runtime.rest.messages.job.savepoints.SavepointInfo;
import org.apache.flink.runtime.rest.util.RestMapperUtils;
import org.apache.flink.util.SerializedThrowable;
import org.flinkop.domain.observe.CompletedCheckpoint;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.resource.SnapshotFormatType;
import org.junit.jupiter.api.Test;

class SnapshotsTest {

    @Test
    void a_savepoint_in_progress_is_in_progress() {
        assertThat(Snapshots.savepoint(AsynchronousOperationResult.inProgress())).isEqualTo(new TriggerResult.InProgress());
    }

    @Test
    void a_completed_savepoint_is_its_location() {
        assertThat(Snapshots.savepoint(AsynchronousOperationResult.completed(new SavepointInfo("file:/sp/savepoint-a0a0a0-1", null))))
                .isEqualTo(new TriggerResult.Completed("file:/sp/savepoint-a0a0a0-1"));
    }

    @Test
    void a_failed_savepoint_is_flink_s_text_down_the_cause_chain() {
        SerializedThrowable cause = new SerializedThrowable(new IllegalStateException("Checkpoint aborted", new IOException("disk full")));

        TriggerResult result = Snapshots.savepoint(AsynchronousOperationResult.completed(new SavepointInfo(null, cause)));

        assertThat(result).isInstanceOf(TriggerResult.Failed.class);
        assertThat(((TriggerResult.Failed) result).reason()).contains("java.lang.IllegalStateException: Checkpoint aborted", "java.io.IOException: disk full");
    }

    @Test
    void the_latest_completed_checkpoint_is_its_external_path_at_its_last_acknowledgement() throws IOException {
        assertThat(Snapshots.latest(statistics("checkpoints-completed.json")))
                .contains(new CompletedCheckpoint("file:/tmp/restprobe/chk/a0a0a0a0a0a0a0a0a0a0a0a0a0a0a002/chk-2", Instant.ofEpochMilli(1795547325795L)));
    }

    @Test
    void no_completed_checkpoint_is_none_even_after_a_restore() throws IOException {
        assertThat(Snapshots.latest(statistics("checkpoints-none-completed.json"))).isEmpty();
    }

    @Test
    void the_format_type_is_flink_s_and_unknown_is_canonical() {
        assertThat(Snapshots.formatType(SnapshotFormatType.CANONICAL)).isEqualTo(SavepointFormatType.CANONICAL);
        assertThat(Snapshots.formatType(SnapshotFormatType.NATIVE)).isEqualTo(SavepointFormatType.NATIVE);
        assertThat(Snapshots.formatType(SnapshotFormatType.UNKNOWN)).isEqualTo(SavepointFormatType.CANONICAL);
    }

    /** {@code GET /jobs/:jobid/checkpoints} as a Flink 1.20.0 session cluster answered it. */
    private static CheckpointingStatistics statistics(String resource) throws IOException {
        try (InputStream json = SnapshotsTest.class.getResourceAsStream("/flink-1.20/" + resource)) {
            return RestMapperUtils.getStrictObjectMapper().readValue(json, CheckpointingStatistics.class);
        }
    }
}
