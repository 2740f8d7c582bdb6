package org.flinkop.archfixture.runtime.embedded;

/** Violation: the embedded runtime, which must run without Kubernetes, uses the Kubernetes client. */
public final class Fabric8InEmbeddedRuntime {
    io.fabric8.kubernetes.client.KubernetesClient client;
}
