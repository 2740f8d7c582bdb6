package org.flinkop.domain.resource;

/**
 * The Flink version a cluster runs, spelled as in {@code spec.flinkVersion}. Versions before 1.15 are known
 * (so that old resources read back) but no longer supported: the validator refuses them.
 */
public enum FlinkVersion implements Spelled {
    V1_13(1, 13, false),
    V1_14(1, 14, false),
    V1_15(1, 15, true),
    V1_16(1, 16, true),
    V1_17(1, 17, true),
    V1_18(1, 18, true),
    V1_19(1, 19, true),
    V1_20(1, 20, true),
    V2_0(2, 0, true),
    V2_1(2, 1, true),
    V2_2(2, 2, true),
    V2_3(2, 3, true);

    private final int major;
    private final int minor;
    private final boolean supported;

    FlinkVersion(int major, int minor, boolean supported) {
        this.major = major;
        this.minor = minor;
        this.supported = supported;
    }

    @Override
    public String spelling() {
        return "v" + major + "_" + minor;
    }

    public int major() {
        return major;
    }

    public int minor() {
        return minor;
    }

    public boolean supported() {
        return supported;
    }

    public boolean isAtLeast(FlinkVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public String toString() {
        return spelling();
    }
}
