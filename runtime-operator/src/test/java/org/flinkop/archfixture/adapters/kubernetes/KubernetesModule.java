package org.flinkop.archfixture.adapters.kubernetes;

import com.google.inject.AbstractModule;

/** Allowed: an adapter's Guice module, and fabric8 inside the Kubernetes adapter. */
public final class KubernetesModule extends AbstractModule {
    io.fabric8.kubernetes.api.model.ObjectMeta meta;
}
