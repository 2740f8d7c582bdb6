package org.flinkop.runtime.embedded.cli;

/** flinkctl on Flink 1.20.0. */
class FlinkctlFlink120IT extends AbstractFlinkctlIT {

    @Override
    String version() {
        return "1.20.0";
    }

    @Override
    String spelling() {
        return "v1_20";
    }
}
