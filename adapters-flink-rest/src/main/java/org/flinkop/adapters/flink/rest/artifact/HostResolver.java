package org.flinkop.adapters.flink.rest.artifact;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Every address of a host name (an address literal is its own one address). */
@FunctionalInterface
interface HostResolver {

    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JVM's resolver: the system's name service. */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
