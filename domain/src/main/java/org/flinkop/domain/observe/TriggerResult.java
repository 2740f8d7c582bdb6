package org.flinkop.domain.observe;

/** What became of a savepoint or checkpoint trigger. */
public sealed interface TriggerResult {

    /** Flink is still writing it. */
    record InProgress() implements TriggerResult {
    }

    /** Written, at {@code path}. */
    record Completed(String path) implements TriggerResult {
    }

    /** It failed; {@code reason} is Flink's error text. */
    record Failed(String reason) implements TriggerResult {
    }

    /** The cluster does not know the trigger (it was never sent, or the cluster restarted since). */
    record Unknown() implements TriggerResult {
    }
}
