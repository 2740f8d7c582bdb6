package org.flinkop.domain.binding;

import java.util.Map;
import org.flinkop.domain.resource.FlinkSessionJobSpec;
import org.flinkop.domain.resource.JobSpec;
import org.flinkop.domain.resource.JobState;
import org.flinkop.domain.resource.UpgradeMode;

/** {@code job} (shared by both kinds that run jobs) and the FlinkSessionJob spec. */
final class JobSpecBinding {

    private JobSpecBinding() {
    }

    static JobSpec decodeJob(ObjectReader r) {
        return new JobSpec(
                r.string("jarURI"),
                r.integer("parallelism"),
                r.string("entryClass"),
                r.stringList("args"),
                r.spelled("state", JobState.class),
                r.longValue("savepointTriggerNonce"),
                r.string("initialSavepointPath"),
                r.longValue("checkpointTriggerNonce"),
                r.spelled("upgradeMode", UpgradeMode.class),
                r.bool("allowNonRestoredState"),
                r.longValue("savepointRedeployNonce"),
                r.longValue("autoscalerResetNonce"));
    }

    static Map<String, Object> encodeJob(JobSpec job) {
        return new ObjectWriter()
                .put("jarURI", job.jarURI())
                .put("parallelism", job.parallelism())
                .put("entryClass", job.entryClass())
                .put("args", job.args())
                .put("state", job.state())
                .put("savepointTriggerNonce", job.savepointTriggerNonce())
                .put("initialSavepointPath", job.initialSavepointPath())
                .put("checkpointTriggerNonce", job.checkpointTriggerNonce())
                .put("upgradeMode", job.upgradeMode())
                .put("allowNonRestoredState", job.allowNonRestoredState())
                .put("savepointRedeployNonce", job.savepointRedeployNonce())
                .put("autoscalerResetNonce", job.autoscalerResetNonce())
                .build();
    }

    static FlinkSessionJobSpec decodeSessionJob(ObjectReader r) {
        return new FlinkSessionJobSpec(
                r.string("deploymentName"),
                r.object("job", JobSpecBinding::decodeJob),
                r.configurationMap("flinkConfiguration"),
                r.longValue("restartNonce"));
    }

    static Map<String, Object> encodeSessionJob(FlinkSessionJobSpec spec) {
        return new ObjectWriter()
                .put("deploymentName", spec.deploymentName())
                .put("job", spec.job(), JobSpecBinding::encodeJob)
                .put("flinkConfiguration", spec.flinkConfiguration())
                .put("restartNonce", spec.restartNonce())
                .build();
    }
}
