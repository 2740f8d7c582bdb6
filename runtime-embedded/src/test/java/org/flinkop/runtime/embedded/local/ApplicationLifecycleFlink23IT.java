package org.flinkop.runtime.embedded.local;

/** The application lifecycle on Flink 2.3.0. */
class ApplicationLifecycleFlink23IT extends AbstractApplicationLifecycleIT {

    @Override
    String version() {
        return "2.3.0";
    }

    @Override
    String spelling() {
        return "v2_3";
    }
}
