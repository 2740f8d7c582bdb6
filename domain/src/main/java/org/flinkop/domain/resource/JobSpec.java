package org.flinkop.domain.resource;

import java.util.List;

/**
 * The job of an application cluster or a session job. Absent values are {@code null}; the {@code effective…}
 * methods give the defaults the Apache operator applies ({@code running}, {@code stateless}).
 */
public record JobSpec(
        String jarURI,
        Integer parallelism,
        String entryClass,
        List<String> args,
        JobState state,
        Long savepointTriggerNonce,
        String initialSavepointPath,
        Long checkpointTriggerNonce,
        UpgradeMode upgradeMode,
        Boolean allowNonRestoredState,
        Long savepointRedeployNonce,
        Long autoscalerResetNonce) {

    public JobSpec {
        args = Collections2.listOrNull(args);
    }

    public JobState effectiveState() {
        return state == null ? JobState.RUNNING : state;
    }

    public UpgradeMode effectiveUpgradeMode() {
        return upgradeMode == null ? UpgradeMode.STATELESS : upgradeMode;
    }

    public boolean effectiveAllowNonRestoredState() {
        return Boolean.TRUE.equals(allowNonRestoredState);
    }
}
