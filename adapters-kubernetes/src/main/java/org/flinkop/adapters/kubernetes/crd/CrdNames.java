package org.flinkop.adapters.kubernetes.crd;

/** The API group and version every kind is served under. */
public final class CrdNames {

    public static final String GROUP = "flink.apache.org";
    public static final String VERSION = "v1beta1";

    private CrdNames() {
    }
}
