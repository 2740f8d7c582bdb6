package org.flinkop.domain.snapshot;

import io.vavr.control.Option;
import java.util.Objects;
import org.flinkop.domain.observe.ObservedJob;
import org.flinkop.domain.observe.TriggerResult;

/**
 * What a snapshot's pass sees of the job it is of.
 *
 * @param jobResourceExists  whether the referenced FlinkDeployment or FlinkSessionJob exists
 * @param job                the referenced resource's job, as its cluster reports it
 * @param trigger            the result of the trigger the snapshot's status recorded, when there is one
 * @param savepointDirectory the job's configured savepoint directory, used when the spec names none
 */
public record SnapshotContext(boolean jobResourceExists, Option<ObservedJob> job, Option<TriggerResult> trigger, Option<String> savepointDirectory) {

    public SnapshotContext {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(savepointDirectory, "savepointDirectory");
    }
}
