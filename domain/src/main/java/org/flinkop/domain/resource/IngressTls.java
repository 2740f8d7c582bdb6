package org.flinkop.domain.resource;

import java.util.List;

/** One TLS entry of an ingress: the hosts and the secret holding their certificate. */
public record IngressTls(
        List<String> hosts,
        String secretName) {

    public IngressTls {
        hosts = Collections2.listOrNull(hosts);
    }
}
