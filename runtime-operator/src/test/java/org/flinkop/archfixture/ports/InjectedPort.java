package org.flinkop.archfixture.ports;

/** Violation: a port service depends on Guice. */
public final class InjectedPort {
    @com.google.inject.Inject
    public InjectedPort() {
    }
}
