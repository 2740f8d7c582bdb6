package org.flinkop.domain.snapshot;

import org.flinkop.domain.resource.Spelled;

/** Why a snapshot exists; retention never removes {@code MANUAL} ones. Kept in the {@value #LABEL} label. */
public enum SnapshotTriggerType implements Spelled {
    MANUAL,
    PERIODIC,
    UPGRADE;

    public static final String LABEL = "snapshot.type";

    @Override
    public String spelling() {
        return name();
    }
}
