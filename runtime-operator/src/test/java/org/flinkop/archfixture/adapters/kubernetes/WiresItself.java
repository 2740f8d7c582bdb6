package org.flinkop.archfixture.adapters.kubernetes;

import com.google.inject.Guice;

/** Violation: a class that is not a module creates an injector. */
public final class WiresItself {
    public Object wire() {
        return Guice.createInjector();
    }
}
