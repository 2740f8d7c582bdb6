package org.flinkop.testkit.kubelet;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The pod annotation on which a {@link ProcessKubelet} publishes, in the API server, the host port standing for each
 * port the pod's containers declare, so that a process without the kubelet's memory (an operator in a JVM of its
 * own) finds where a pod listens: {@value #KEY}, for example {@code 6123=10412,8081=10413} (container port, then
 * host port, ordered by container port). The pod's address is its {@code status.podIP}, as a kubelet reports it.
 */
public final class HostPortAnnotation {

    /** The annotation's key. */
    public static final String KEY = "process-kubelet.flinkop.org/host-ports";

    private static final Pattern FORMAT = Pattern.compile("\\d+=\\d+(,\\d+=\\d+)*");

    private HostPortAnnotation() {
    }

    /** The annotation's value for {@code ports} (container port to host port); empty for a pod that declares none. */
    public static String format(Map<Integer, Integer> ports) {
        return new TreeMap<>(ports).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** Container port to host port, read from the annotation's value; empty when the value is missing or not in the format. */
    public static Map<Integer, Integer> parse(String value) {
        if (value == null || !FORMAT.matcher(value).matches()) {
            return Map.of();
        }
        Map<Integer, Integer> ports = new TreeMap<>();
        for (String pair : value.split(",")) {
            int equals = pair.indexOf('=');
            parsePort(pair.substring(0, equals)).ifPresent(container -> parsePort(pair.substring(equals + 1))
                    .ifPresent(host -> ports.put(container, host)));
        }
        return Map.copyOf(ports);
    }

    private static Optional<Integer> parsePort(String digits) {
        try {
            int port = Integer.parseInt(digits);
            return port > 0 && port <= 65_535 ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException tooLong) {
            return Optional.empty();
        }
    }
}
