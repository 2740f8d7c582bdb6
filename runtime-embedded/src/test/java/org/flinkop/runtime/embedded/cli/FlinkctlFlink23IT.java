package org.flinkop.runtime.embedded.cli;

/** flinkctl on Flink 2.3.0. */
class FlinkctlFlink23IT extends AbstractFlinkctlIT {

    @Override
    String version() {
        return "2.3.0";
    }

    @Override
    String spelling() {
        return "v2_3";
    }
}
