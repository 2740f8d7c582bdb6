package org.flinkop.adapters.flink.rest.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.PortFailure.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which addresses jars are fetched from. Only address literals and a fixed table of names are resolved here, so no
 * test looks anything up or connects anywhere.
 */
class AddressPolicyTest {

    private static final ArtifactSettings DEFAULTS = ArtifactSettings.defaults(Path.of("target", "unused"));

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "127.0.0.1, LOOPBACK", "127.255.0.9, LOOPBACK", "::1, LOOPBACK",
            "10.0.0.4, PRIVATE", "172.16.0.1, PRIVATE", "172.31.255.254, PRIVATE", "192.168.1.1, PRIVATE", "100.64.0.1, PRIVATE",
            "fd12:3456::1, PRIVATE", "fc00::1, PRIVATE", "fec0::1, PRIVATE",
            "169.254.1.1, LINK_LOCAL", "fe80::1, LINK_LOCAL",
            "169.254.169.254, CLOUD_METADATA", "fd00:ec2::254, CLOUD_METADATA",
            "::ffff:10.0.0.4, PRIVATE", "::10.0.0.4, PRIVATE", "64:ff9b::a00:4, PRIVATE", "2002:a00:4::1, PRIVATE", "2002:7f00:1::, LOOPBACK",
            "::ffff:169.254.169.254, CLOUD_METADATA"})
    void restricted_addresses_are_refused_by_default_naming_the_rule_and_its_setting(String literal, AddressKind kind) throws UnknownHostException {
        InetAddress address = InetAddress.getByName(literal);

        PortFailure refused = new AddressPolicy(DEFAULTS, fixed(Map.of())).check("jars.example", address).getLeft();

        assertThat(refused.reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(refused.message()).isEqualTo("address " + address.getHostAddress() + " of host jars.example is " + kind.description()
                + "; allowed: public addresses unless " + kind.setting() + " is set");
    }

    @ParameterizedTest(name = "{0} with {1} allowed")
    @CsvSource({"127.0.0.1, LOOPBACK", "::1, LOOPBACK", "10.0.0.4, PRIVATE", "fd12::1, PRIVATE", "169.254.1.1, LINK_LOCAL", "fe80::1, LINK_LOCAL",
            "169.254.169.254, CLOUD_METADATA", "fd00:ec2::254, CLOUD_METADATA"})
    void each_kind_is_allowed_by_its_own_setting(String literal, AddressKind kind) throws UnknownHostException {
        InetAddress address = InetAddress.getByName(literal);

        assertThat(new AddressPolicy(DEFAULTS.allowing(kind), fixed(Map.of())).check("jars.example", address)).isEqualTo(Either.right(address));
    }

    @Test
    void allowing_link_local_or_private_addresses_does_not_allow_the_metadata_services_among_them() throws UnknownHostException {
        AddressPolicy policy = new AddressPolicy(DEFAULTS.allowing(AddressKind.LINK_LOCAL, AddressKind.PRIVATE), fixed(Map.of()));

        assertThat(policy.check("x", InetAddress.getByName("169.254.169.254")).getLeft().message()).contains("artifacts.allow-metadata-addresses");
        assertThat(policy.check("x", InetAddress.getByName("fd00:ec2::254")).getLeft().message()).contains("artifacts.allow-metadata-addresses");
    }

    @ParameterizedTest
    @CsvSource({"0.0.0.0", "0.1.2.3", "::", "224.0.0.1", "239.1.1.1", "255.255.255.255", "240.0.0.1", "ff02::1"})
    void unspecified_multicast_and_reserved_addresses_are_never_allowed(String literal) throws UnknownHostException {
        AddressPolicy everything = new AddressPolicy(DEFAULTS.allowing(AddressKind.values()), fixed(Map.of()));

        PortFailure refused = everything.check("x", InetAddress.getByName(literal)).getLeft();

        assertThat(refused.reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(refused.message()).contains("never allowed");
    }

    @ParameterizedTest
    @CsvSource({"8.8.8.8", "1.1.1.1", "172.32.0.1", "192.169.0.1", "100.128.0.1", "169.255.0.1", "2001:db8::1", "2a00:1450::1"})
    void public_addresses_are_allowed(String literal) throws UnknownHostException {
        InetAddress address = InetAddress.getByName(literal);

        assertThat(new AddressPolicy(DEFAULTS, fixed(Map.of())).check("x", address)).isEqualTo(Either.right(address));
    }

    @Test
    void every_resolved_address_is_checked_so_one_private_address_among_public_ones_refuses_the_host() throws UnknownHostException {
        AddressPolicy policy = new AddressPolicy(DEFAULTS, fixed(Map.of("mixed.example", List.of(InetAddress.getByName("93.184.216.34"),
                InetAddress.getByName("10.0.0.4")))));

        PortFailure refused = policy.addresses("mixed.example").getLeft();

        assertThat(refused.message()).isEqualTo("address 10.0.0.4 of host mixed.example is private; allowed: public addresses unless "
                + "artifacts.allow-private-addresses is set");
    }

    @Test
    void the_addresses_returned_are_exactly_the_checked_ones_in_the_resolver_s_order() throws UnknownHostException {
        List<InetAddress> both = List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("2606:2800:220:1::1"));

        assertThat(new AddressPolicy(DEFAULTS, fixed(Map.of("public.example", both))).addresses("public.example").get()).containsExactlyElementsOf(both);
    }

    @Test
    void the_metadata_host_name_is_refused_before_it_is_resolved() {
        AddressPolicy policy = new AddressPolicy(DEFAULTS.allowing(AddressKind.LINK_LOCAL), host -> {
            throw new AssertionError("resolved " + host);
        });

        PortFailure refused = policy.addresses("Metadata.Google.Internal.").getLeft();

        assertThat(refused.reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(refused.message()).isEqualTo("host Metadata.Google.Internal. is a cloud metadata address; allowed: public addresses unless "
                + "artifacts.allow-metadata-addresses is set");
    }

    @Test
    void a_name_that_does_not_resolve_is_unavailable() {
        PortFailure failure = new AddressPolicy(DEFAULTS, fixed(Map.of())).addresses("nowhere.example").getLeft();

        assertThat(failure.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(failure.message()).contains("nowhere.example");
    }

    @Test
    void a_bracketed_ipv6_host_is_checked_as_its_address() {
        assertThat(new AddressPolicy(DEFAULTS, HostResolver.system()).addresses("[::1]").getLeft().message()).contains("is loopback");
    }

    /** Resolves the names in {@code table} and address literals only; any other name is unknown. */
    private static HostResolver fixed(Map<String, List<InetAddress>> table) {
        return host -> {
            if (table.containsKey(host)) {
                return table.get(host);
            }
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return List.of(InetAddress.getByName(host));
            }
            throw new UnknownHostException(host);
        };
    }
}
