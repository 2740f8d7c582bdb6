package org.flinkop.archfixture.adapters.kubernetes;

import org.flinkop.archfixture.adapters.flink.FlinkClientUser;

/** Violation: one adapter calls the other directly. */
public final class SeesFlinkAdapter {
    public Object status(FlinkClientUser flink) {
        return flink.status();
    }
}
