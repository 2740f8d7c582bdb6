package org.flinkop.domain.decision;

import io.vavr.collection.List;
import java.time.Duration;
import java.util.Objects;

/**
 * What a pass decided: the status to record before anything is done, the actions to take after that, and when
 * to look again.
 *
 * @param <S> the status type of the resource kind
 */
public record Decision<S>(S statusToRecord, List<Action> actions, Duration lookAgainAfter) {

    public Decision {
        Objects.requireNonNull(statusToRecord, "statusToRecord");
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(lookAgainAfter, "lookAgainAfter");
    }

    /** The actions that change the world (everything but events). */
    public List<Action> effects() {
        return actions.filter(a -> !(a instanceof Action.RecordEvent));
    }
}
