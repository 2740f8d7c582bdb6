package org.flinkop.testkit.kube;

/** A namespace created for one test, on the control plane it lives in. */
public record KubeNamespace(String name, KubeControlPlane controlPlane) {
}
