package org.flinkop.domain.reconcile;

import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.domain.decision.Decision;
import java.time.Instant;
import org.flinkop.domain.observe.Observed;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.FlinkDeploymentStatus;

/** A resource carried through passes: each pass decides, and its status becomes the recorded one. */
final class Run {

    private FlinkDeployment resource;
    private Decision<FlinkDeploymentStatus> last;

    Run(FlinkDeployment resource) {
        this.resource = resource;
    }

    Decision<FlinkDeploymentStatus> pass(Observed observed, Instant now) {
        last = ApplicationDecider.decide(resource, observed, now, OperatorSettings.defaults());
        WriteAhead.check(resource, observed, last);
        resource = resource.withStatus(last.statusToRecord());
        return last;
    }

    /** The user edits the spec (a new generation). */
    void edit(FlinkDeploymentSpec spec) {
        long generation = resource.metadata().generation() == null ? 1 : resource.metadata().generation() + 1;
        var meta = resource.metadata();
        resource = new FlinkDeployment(new org.flinkop.domain.resource.ObjectMeta(meta.name(), meta.namespace(), meta.uid(), meta.resourceVersion(),
                generation, meta.creationTimestamp(), meta.deletionTimestamp(), meta.labels(), meta.annotations(), meta.finalizers()), spec, resource.status());
    }

    FlinkDeployment resource() {
        return resource;
    }

    FlinkDeploymentStatus status() {
        return resource.status();
    }

    /** The job id the deployment in flight runs under. */
    String pendingJobId() {
        return status().reconciliationStatus().upgrade().jobId();
    }
}
