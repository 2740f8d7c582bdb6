package org.flinkop.adapters.kubernetes.store;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.flinkop.adapters.kubernetes.crd.CrdNames;
import org.flinkop.domain.resource.ResourceKind;

/** Where each kind is served: group, version and plural of its CustomResourceDefinition. */
final class Kinds {

    private Kinds() {
    }

    static ResourceDefinitionContext context(ResourceKind kind) {
        return new ResourceDefinitionContext.Builder()
                .withGroup(CrdNames.GROUP)
                .withVersion(CrdNames.VERSION)
                .withKind(kind.spelling())
                .withPlural(plural(kind))
                .withNamespaced(true)
                .build();
    }

    static String plural(ResourceKind kind) {
        return switch (kind) {
            case FLINK_DEPLOYMENT -> "flinkdeployments";
            case FLINK_SESSION_JOB -> "flinksessionjobs";
            case FLINK_STATE_SNAPSHOT -> "flinkstatesnapshots";
        };
    }
}
