package org.flinkop.archfixture.ports;

/** Violation: an application service reads the system clock. */
public final class MillisPort {
    public long stamp() {
        return System.currentTimeMillis();
    }
}
