package org.flinkop.archfixture.runtime.operator.plan;

import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.ports.store.ResourceStore;

/** Violation: a plan that stores the resource it was asked about. */
public final class StoringPlan {
    public void plan(ResourceStore store, FlinkResource proposed) {
        store.apply(proposed);
    }
}
