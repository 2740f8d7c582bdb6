package org.flinkop.adapters.flink.rest.artifact;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.PortFailure.Reason;

/**
 * Which hosts a jar may be fetched from. A host is resolved once, and every one of its addresses must be allowed:
 * public unicast addresses always, loopback, private, link-local and cloud metadata ones only when configuration
 * allows their kind, unspecified, multicast and reserved ones never. The caller connects to the addresses returned,
 * never to the name again, so the name cannot resolve differently between the check and the connection. Addresses
 * that carry an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4) are judged by the IPv4 address they carry.
 */
final class AddressPolicy {

    /** Names of cloud metadata services, refused before they are resolved. */
    static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal");

    private static final byte[] AWS_METADATA_V6 = {(byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};
    private static final byte[] NAT64_PREFIX = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};

    private final ArtifactSettings settings;
    private final HostResolver resolver;

    AddressPolicy(ArtifactSettings settings, HostResolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
    }

    /** The host's addresses, in the order to try, when every one is allowed; else the refusal naming the rule. */
    Either<PortFailure, List<InetAddress>> addresses(String host) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String normalized = name.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        if (METADATA_HOSTS.contains(normalized) && !settings.allows(AddressKind.CLOUD_METADATA)) {
            return Either.left(refusal("host " + host + " is " + AddressKind.CLOUD_METADATA.description(), AddressKind.CLOUD_METADATA));
        }
        List<InetAddress> resolved;
        try {
            resolved = List.ofAll(resolver.resolve(name));
        } catch (UnknownHostException e) {
            return Either.left(PortFailure.of(Reason.UNAVAILABLE, "cannot resolve host " + host + ": " + e.getMessage()));
        }
        if (resolved.isEmpty()) {
            return Either.left(PortFailure.of(Reason.UNAVAILABLE, "host " + host + " has no address"));
        }
        return resolved.foldLeft(Either.<PortFailure, List<InetAddress>>right(List.empty()),
                (checked, address) -> checked.flatMap(ok -> check(host, address).map(ok::append)));
    }

    /** The address, when fetching from it is allowed; else the refusal naming the rule. */
    Either<PortFailure, InetAddress> check(String host, InetAddress address) {
        Either<String, Option<AddressKind>> kind = classify(address);
        String subject = "address " + address.getHostAddress() + " of host " + host;
        if (kind.isLeft()) {
            return Either.left(PortFailure.of(Reason.FORBIDDEN, subject + " is " + kind.getLeft() + "; never allowed: jars are fetched from unicast addresses only"));
        }
        Option<AddressKind> restricted = kind.get().filter(k -> !settings.allows(k));
        return restricted.isEmpty() ? Either.right(address) : Either.left(refusal(subject + " is " + restricted.get().description(), restricted.get()));
    }

    /**
     * What kind of address it is: none for a public unicast address, the kind configuration may allow, or (left) why
     * it is never fetched from.
     */
    static Either<String, Option<AddressKind>> classify(InetAddress address) {
        byte[] bytes = address.getAddress();
        return address instanceof Inet4Address ? classifyV4(bytes) : classifyV6(bytes);
    }

    private static Either<String, Option<AddressKind>> classifyV4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0) {
            return Either.left("unspecified (0.0.0.0/8 reaches this machine)");
        }
        if (first >= 224) {
            return Either.left("multicast or reserved (224.0.0.0/3)");
        }
        if (first == 127) {
            return kind(AddressKind.LOOPBACK);
        }
        if (first == 169 && second == 254) {
            return kind((b[2] & 0xff) == 169 && (b[3] & 0xff) == 254 ? AddressKind.CLOUD_METADATA : AddressKind.LINK_LOCAL);
        }
        boolean rfc1918 = first == 10 || first == 172 && second >= 16 && second <= 31 || first == 192 && second == 168;
        boolean shared = first == 100 && second >= 64 && second <= 127;
        return rfc1918 || shared ? kind(AddressKind.PRIVATE) : Either.right(Option.none());
    }

    private static Either<String, Option<AddressKind>> classifyV6(byte[] b) {
        if (Arrays.equals(b, AWS_METADATA_V6)) {
            return kind(AddressKind.CLOUD_METADATA);
        }
        boolean zeroPrefix = Arrays.equals(b, 0, 10, new byte[10], 0, 10);
        if (zeroPrefix && b[10] == 0 && b[11] == 0) {
            if (Arrays.equals(b, 12, 15, new byte[3], 0, 3) && (b[15] == 0 || b[15] == 1)) {
                return b[15] == 0 ? Either.left("unspecified (:: reaches this machine)") : kind(AddressKind.LOOPBACK);
            }
            return carried(b, 12);
        }
        if (zeroPrefix && b[10] == (byte) 0xff && b[11] == (byte) 0xff || Arrays.equals(b, 0, 12, NAT64_PREFIX, 0, 12)) {
            return carried(b, 12);
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return carried(b, 2);
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0xff) {
            return Either.left("multicast (ff00::/8)");
        }
        if ((first & 0xfe) == 0xfc || first == 0xfe && (second & 0xc0) == 0xc0) {
            return kind(AddressKind.PRIVATE);
        }
        return first == 0xfe && (second & 0xc0) == 0x80 ? kind(AddressKind.LINK_LOCAL) : Either.right(Option.none());
    }

    /** The IPv4 address carried from {@code offset} on decides. */
    private static Either<String, Option<AddressKind>> carried(byte[] b, int offset) {
        return classifyV4(Arrays.copyOfRange(b, offset, offset + 4));
    }

    private static Either<String, Option<AddressKind>> kind(AddressKind kind) {
        return Either.right(Option.some(kind));
    }

    private static PortFailure refusal(String what, AddressKind kind) {
        return PortFailure.of(Reason.FORBIDDEN, what + "; allowed: public addresses unless " + kind.setting() + " is set");
    }
}
