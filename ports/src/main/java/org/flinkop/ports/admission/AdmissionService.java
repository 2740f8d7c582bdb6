package org.flinkop.ports.admission;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.flinkop.domain.admission.Admission;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.validation.ValidationContext;
import org.flinkop.domain.validation.Violation;

/**
 * Decides whether a document may be applied, knowing what is stored: the live resource of the same name (a
 * deployed cluster cannot change type or mode) and, for a session job, its session cluster's configuration
 * (where checkpoint and savepoint directories are often set). The command line, the embedding API and the
 * Kubernetes admission webhook all admit through this service.
 */
public final class AdmissionService {

    private final ResourceLookup lookup;
    private final boolean plainHttpJarsAllowed;

    public AdmissionService(ResourceLookup lookup, boolean plainHttpJarsAllowed) {
        this.lookup = lookup;
        this.plainHttpJarsAllowed = plainHttpJarsAllowed;
    }

    public Either<List<Violation>, FlinkResource> admit(Object document) {
        ValidationContext context = ResourceBinding.decode(document).resource()
                .map(this::contextFor)
                .getOrElse(ValidationContext::firstSight);
        return Admission.admit(document, plainHttpJarsAllowed ? context.allowingPlainHttpJars() : context);
    }

    private ValidationContext contextFor(FlinkResource candidate) {
        ValidationContext context = ValidationContext.firstSight();
        String namespace = candidate.metadata().namespace();
        String name = candidate.metadata().name();
        if (name != null) {
            Option<FlinkResource> live = lookup.find(candidate.kind(), namespace, name);
            if (live.isDefined()) {
                context = context.withLive(live.get());
            }
        }
        if (candidate instanceof FlinkSessionJob job && job.spec() != null && job.spec().deploymentName() != null) {
            Option<FlinkResource> cluster = lookup.find(ResourceKind.FLINK_DEPLOYMENT, namespace, job.spec().deploymentName());
            if (cluster.isDefined() && cluster.get() instanceof FlinkDeployment deployment && deployment.spec() != null) {
                context = context.withSessionClusterConfiguration(deployment.spec().configuration());
            }
        }
        return context;
    }
}
