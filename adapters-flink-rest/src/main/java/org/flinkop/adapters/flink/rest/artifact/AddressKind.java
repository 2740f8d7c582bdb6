package org.flinkop.adapters.flink.rest.artifact;

/**
 * Kinds of network address a jar is not fetched from unless configuration allows them, each with the setting that
 * does. Every other address is either public (fetched from) or never fetched from (unspecified, multicast, reserved).
 */
public enum AddressKind {
    /** 127.0.0.0/8 and ::1: this machine. */
    LOOPBACK("loopback", "artifacts.allow-loopback-addresses"),
    /** RFC 1918 (10/8, 172.16/12, 192.168/16), shared 100.64/10, unique-local fc00::/7 and site-local fec0::/10. */
    PRIVATE("private", "artifacts.allow-private-addresses"),
    /** 169.254/16 and fe80::/10. */
    LINK_LOCAL("link-local", "artifacts.allow-link-local-addresses"),
    /** A cloud's instance metadata service (169.254.169.254, fd00:ec2::254, metadata.google.internal); allowing link-local or private addresses does not allow these. */
    CLOUD_METADATA("a cloud metadata address", "artifacts.allow-metadata-addresses");

    private final String description;
    private final String setting;

    AddressKind(String description, String setting) {
        this.description = description;
        this.setting = setting;
    }

    /** How refusals describe an address of this kind ("is private"). */
    public String description() {
        return description;
    }

    /** The configuration key that allows addresses of this kind. */
    public String setting() {
        return setting;
    }
}
