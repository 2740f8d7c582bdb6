package org.flinkop.adapters.flink.rest;

import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.rest.handler.async.AsynchronousOperationResult;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatistics.CompletedCheckpointStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.apache.flink.runtime.rest.messages.job.savepoints.SavepointInfo;
import org.apache.flink.runtime.rest.messages.queue.QueueStatus;
import org.apache.flink.util.SerializedThrowable;
import org.flinkop.domain.observe.CompletedCheckpoint;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.resource.SnapshotFormatType;

/** Flink's savepoint and checkpoint answers in the domain's terms. */
final class Snapshots {

    private Snapshots() {
    }

    static TriggerResult savepoint(AsynchronousOperationResult<SavepointInfo> result) {
        if (result.queueStatus().getId() != QueueStatus.Id.COMPLETED) {
            return new TriggerResult.InProgress();
        }
        SavepointInfo info = result.resource();
        if (info == null) {
            return new TriggerResult.Failed("Flink reported the savepoint completed without a result");
        }
        if (info.getFailureCause() != null) {
            return new TriggerResult.Failed(failureText(info.getFailureCause()));
        }
        return info.getLocation() == null
                ? new TriggerResult.Failed("Flink reported the savepoint completed without a location")
                : new TriggerResult.Completed(info.getLocation());
    }

    static Option<CompletedCheckpoint> latest(CheckpointingStatistics statistics) {
        return Option.of(statistics.getLatestCheckpoints())
                .flatMap(latest -> Option.of(latest.getCompletedCheckpointStatistics()))
                .flatMap(Snapshots::completed);
    }

    static Option<CompletedCheckpoint> completed(CompletedCheckpointStatistics checkpoint) {
        return Option.of(checkpoint.getExternalPath())
                .map(path -> new CompletedCheckpoint(path, Instant.ofEpochMilli(checkpoint.getLatestAckTimestamp())));
    }

    /** Flink's error text: each message down the cause chain, outermost first, repeats left out. */
    static String failureText(Throwable failure) {
        List<String> messages = List.empty();
        for (Throwable t = failure; t != null && messages.size() < 10; t = t.getCause() == t ? null : t.getCause()) {
            String message = describe(t);
            if (messages.forAll(m -> !m.contains(message))) {
                messages = messages.append(message);
            }
        }
        return messages.mkString(" <- ");
    }

    static SavepointFormatType formatType(SnapshotFormatType formatType) {
        return switch (formatType) {
            case NATIVE -> SavepointFormatType.NATIVE;
            case CANONICAL, UNKNOWN -> SavepointFormatType.CANONICAL;
        };
    }

    private static String describe(Throwable t) {
        String type = t instanceof SerializedThrowable ? ((SerializedThrowable) t).getOriginalErrorClassName() : t.getClass().getName();
        return t.getMessage() == null ? type : type + ": " + t.getMessage();
    }
}
