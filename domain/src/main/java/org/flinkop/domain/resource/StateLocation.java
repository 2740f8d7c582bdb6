package org.flinkop.domain.resource;

import java.util.Objects;

/**
 * Where the state of a job's next deployment comes from. Recorded in the status before any action that ends a
 * job, so that a crash at any point leaves the way back written down.
 *
 * @param kind               what kind of state
 * @param path               the savepoint or checkpoint path ({@code SAVEPOINT}, {@code CHECKPOINT})
 * @param savepointTriggerId the trigger whose savepoint it will be ({@code PENDING_SAVEPOINT})
 */
public record StateLocation(StateLocationKind kind, String path, String savepointTriggerId) {

    public StateLocation {
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * The location a deployment restored from, as a record of it names it by kind and path: a savepoint, a
     * checkpoint, HA metadata, else none (a deployment never restores from a savepoint still being written).
     */
    public static StateLocation restoredFrom(StateLocationKind kind, String path) {
        return switch (kind) {
            case SAVEPOINT -> savepoint(path);
            case CHECKPOINT -> checkpoint(path);
            case HA_METADATA -> haMetadata();
            default -> none();
        };
    }

    public static StateLocation none() {
        return new StateLocation(StateLocationKind.NONE, null, null);
    }

    public static StateLocation savepoint(String path) {
        return new StateLocation(StateLocationKind.SAVEPOINT, Objects.requireNonNull(path, "path"), null);
    }

    public static StateLocation checkpoint(String path) {
        return new StateLocation(StateLocationKind.CHECKPOINT, Objects.requireNonNull(path, "path"), null);
    }

    public static StateLocation haMetadata() {
        return new StateLocation(StateLocationKind.HA_METADATA, null, null);
    }

    public static StateLocation pendingSavepoint(String triggerId) {
        return new StateLocation(StateLocationKind.PENDING_SAVEPOINT, null, Objects.requireNonNull(triggerId, "triggerId"));
    }

    /** Whether a deployment from here starts with state (anything but {@code NONE}). */
    public boolean carriesState() {
        return kind != StateLocationKind.NONE;
    }
}
