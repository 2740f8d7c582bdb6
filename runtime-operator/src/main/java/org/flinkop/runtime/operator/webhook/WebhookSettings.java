package org.flinkop.runtime.operator.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the admission webhooks are served and their certificates kept (the {@code flinkop.webhook.*} settings).
 *
 * @param enabled            whether the operator serves the webhooks and manages their certificates
 * @param port               the HTTPS port (0: a free one)
 * @param namespace          where the Secret and the Service are (the operator's own namespace)
 * @param serviceName        the Service the API server calls; its DNS names go into the serving certificate
 * @param secretName         the Secret holding the certificate authority and the serving certificate
 * @param configurationName  the name of the ValidatingWebhookConfiguration and of the MutatingWebhookConfiguration
 *                           whose {@code caBundle} the operator keeps
 * @param ipAddresses        IP addresses the serving certificate is also for (a webhook called by URL, as in tests)
 * @param validity           how long a serving certificate is valid
 * @param authorityValidity  how long the certificate authority is valid
 * @param renewBefore        a certificate is replaced once it expires within this
 * @param checkInterval      how often the Secret is read again, to renew or to load what another replica renewed
 */
public record WebhookSettings(boolean enabled, int port, String namespace, String serviceName, String secretName, String configurationName,
        List<String> ipAddresses, Duration validity, Duration authorityValidity, Duration renewBefore, Duration checkInterval) {

    public WebhookSettings {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(secretName, "secretName");
        Objects.requireNonNull(configurationName, "configurationName");
        ipAddresses = List.copyOf(ipAddresses);
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(authorityValidity, "authorityValidity");
        Objects.requireNonNull(renewBefore, "renewBefore");
        Objects.requireNonNull(checkInterval, "checkInterval");
    }

    /** Off; when on, port 9443 (the Apache operator's), the names {@code deploy/operator} uses, a year per certificate (ten for the authority), renewed 30 days before. */
    public static WebhookSettings defaults() {
        return new WebhookSettings(false, 9443, "flinkop", "flinkop-webhook", "flinkop-webhook-cert", "flinkop-webhook", List.of(), Duration.ofDays(365),
                Duration.ofDays(3650), Duration.ofDays(30), Duration.ofHours(1));
    }

    /** The names the API server may call the Service by: {@code svc}, {@code svc.ns}, {@code svc.ns.svc}. */
    public List<String> dnsNames() {
        return List.of(serviceName, serviceName + "." + namespace, serviceName + "." + namespace + ".svc");
    }

    public WebhookSettings withRenewBefore(Duration newRenewBefore) {
        return new WebhookSettings(enabled, port, namespace, serviceName, secretName, configurationName, ipAddresses, validity, authorityValidity, newRenewBefore,
                checkInterval);
    }
}
