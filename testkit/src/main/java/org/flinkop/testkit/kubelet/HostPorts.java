package org.flinkop.testkit.kubelet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hands out the host ports a pod's declared ports map to, below the kernel's ephemeral port range. A port picked
 * as free inside that range is soon the source port of some outgoing connection (every process here talks to the
 * API server and to Flink), and a JobManager restarted in its pod, whose ports stay fixed for the pod's life, would
 * then find its port taken and crash-loop. Below the range only a listener can take a port, so a port is checked
 * free once, when it is handed out. The ports go round from a random start, so two kubelets in two test JVMs
 * rarely try the same ones.
 */
final class HostPorts {

    static final int LOWEST = 10_000;
    private static final int FALLBACK_EPHEMERAL_START = 32_768;

    private final int lowest;
    private final int highest;
    private int next;

    /** Ports from {@value #LOWEST} up to just below this machine's ephemeral range. */
    HostPorts() {
        this(LOWEST, ephemeralStart(Path.of("/proc/sys/net/ipv4/ip_local_port_range")) - 1);
    }

    HostPorts(int lowest, int highest) {
        if (highest < lowest) {
            throw new IllegalArgumentException("no ports between " + lowest + " and " + highest);
        }
        this.lowest = lowest;
        this.highest = highest;
        this.next = lowest + ThreadLocalRandom.current().nextInt(highest - lowest + 1);
    }

    /** A port of 127.0.0.1 that no one listens on now; never the same twice until every port of the range was handed out. */
    synchronized int take() {
        int size = highest - lowest + 1;
        for (int tried = 0; tried < size; tried++) {
            int port = next;
            next = next == highest ? lowest : next + 1;
            if (free(port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("no free port of 127.0.0.1 between " + lowest + " and " + highest));
    }

    /** The first port of the kernel's ephemeral range, as {@code ip_local_port_range} says (32768 when it cannot be read). */
    static int ephemeralStart(Path portRange) {
        try {
            String[] range = Files.readString(portRange).trim().split("\\s+");
            int start = Integer.parseInt(range[0]);
            return start > LOWEST + 1_000 ? start : FALLBACK_EPHEMERAL_START;
        } catch (IOException | RuntimeException e) {
            return FALLBACK_EPHEMERAL_START;
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
