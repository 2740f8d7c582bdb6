package org.flinkop.archfixture.adapters.flink;

import org.flinkop.archfixture.adapters.kubernetes.SeesFlinkAdapter;

/** Violation: one adapter holds the other's class. */
public final class SeesKubernetesAdapter {
    SeesFlinkAdapter other;
}
