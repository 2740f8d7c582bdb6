package org.flinkop.runtime.embedded.local;

/** The application lifecycle on Flink 1.20.0. */
class ApplicationLifecycleFlink120IT extends AbstractApplicationLifecycleIT {

    @Override
    String version() {
        return "1.20.0";
    }

    @Override
    String spelling() {
        return "v1_20";
    }
}
