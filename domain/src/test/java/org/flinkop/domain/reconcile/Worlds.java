package org.flinkop.domain.reconcile;

import io.vavr.control.Option;
import java.time.Instant;
import java.util.Map;
import org.flinkop.domain.Docs;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.observe.CompletedCheckpoint;
import org.flinkop.domain.observe.Observed;
import org.flinkop.domain.observe.ObservedJob;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;

/** Deterministic fixtures: resources, observed worlds and a fixed clock. */
final class Worlds {

    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private Worlds() {
    }

    static FlinkDeployment application(String upgradeMode) {
        return deployment(Docs.set(Docs.application(), "spec.job.upgradeMode", upgradeMode));
    }

    /** A deployment with Kubernetes HA on (the worlds below keep HA metadata unless they say otherwise). */
    @SuppressWarnings("unchecked")
    static FlinkDeployment deployment(Map<String, Object> doc) {
        Map<String, Object> spec = (Map<String, Object>) doc.get("spec");
        if (spec != null && spec.get("flinkConfiguration") instanceof Map<?, ?> configuration) {
            ((Map<String, Object>) configuration).putIfAbsent("high-availability.type", "kubernetes");
        }
        Docs.set(doc, "metadata.uid", "7c1d");
        Docs.set(doc, "metadata.generation", 1);
        return (FlinkDeployment) ResourceBinding.decode(doc).resource().get();
    }

    static Observed missing() {
        return Observed.nothing(true);
    }

    static Observed running(String jobId) {
        return new Observed(JobManagerDeploymentStatus.READY, Option.of(new ObservedJob(jobId, FlinkJobState.RUNNING)), true, false, Option.none(), Option.none(), Option.none());
    }

    static Observed job(String jobId, FlinkJobState state) {
        return new Observed(JobManagerDeploymentStatus.READY, Option.of(new ObservedJob(jobId, state)), true, false, Option.none(), Option.none(), Option.none());
    }

    static Observed withHa(Observed o) {
        return new Observed(o.jobManager(), o.job(), true, true, o.latestCheckpoint(), o.savepointTrigger(), o.restarts());
    }

    static Observed withoutHaSupport(Observed o) {
        return new Observed(o.jobManager(), o.job(), false, false, o.latestCheckpoint(), o.savepointTrigger(), o.restarts());
    }

    static Observed withCheckpoint(Observed o, String path, Instant completedAt) {
        return new Observed(o.jobManager(), o.job(), o.haSupported(), o.haMetadataPresent(), Option.of(new CompletedCheckpoint(path, completedAt)), o.savepointTrigger(), o.restarts());
    }

    static Observed withTrigger(Observed o, TriggerResult result) {
        return new Observed(o.jobManager(), o.job(), o.haSupported(), o.haMetadataPresent(), o.latestCheckpoint(), Option.of(result), o.restarts());
    }

    static Observed withJobManager(Observed o, JobManagerDeploymentStatus status) {
        return new Observed(status, o.job(), o.haSupported(), o.haMetadataPresent(), o.latestCheckpoint(), o.savepointTrigger(), o.restarts());
    }
}
