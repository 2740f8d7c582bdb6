package org.flinkop.archfixture.runtime.operator;

/** Violation: the in-cluster operator reaches into the embedded runtime. */
public final class SeesEmbeddedRuntime {
    org.flinkop.archfixture.runtime.embedded.Fabric8InEmbeddedRuntime embedded;
}
