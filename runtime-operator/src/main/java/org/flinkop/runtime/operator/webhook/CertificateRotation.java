package org.flinkop.runtime.operator.webhook;

import io.vavr.control.Option;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flinkop.runtime.operator.webhook.tls.CertificateIssuer;
import org.flinkop.runtime.operator.webhook.tls.IssuedCertificate;
import org.flinkop.runtime.operator.webhook.tls.WebhookTls;

/**
 * When the webhook's certificates are issued and replaced: a new set when there is none; a new serving certificate
 * when it expires within {@code renewBefore} or lacks one of the names it must carry; a new authority (and serving
 * certificate) when the authority expires within {@code renewBefore}, keeping the old authority in the bundle while
 * it is valid.
 */
final class CertificateRotation {

    /** Certificates start a little in the past, so that a clock slightly behind ours accepts them at once. */
    private static final Duration BACKDATE = Duration.ofMinutes(5);

    private final CertificateIssuer issuer;
    private final WebhookSettings settings;

    CertificateRotation(CertificateIssuer issuer, WebhookSettings settings) {
        this.issuer = issuer;
        this.settings = settings;
    }

    WebhookTls fresh(Instant now) {
        IssuedCertificate authority = authority(now);
        return new WebhookTls(authority, serving(authority, now), List.of(authority.certificate()));
    }

    /** The set that should replace {@code current} at {@code now}; none while it is good. */
    Option<WebhookTls> renewed(WebhookTls current, Instant now) {
        if (current.authorityDue(now, settings.renewBefore())) {
            IssuedCertificate authority = authority(now);
            List<X509Certificate> bundle = new ArrayList<>(List.of(authority.certificate()));
            X509Certificate previous = current.authority().certificate();
            if (previous.getNotAfter().toInstant().isAfter(now)) {
                bundle.add(previous);
            }
            return Option.some(new WebhookTls(authority, serving(authority, now), bundle));
        }
        if (current.servingDue(now, settings.renewBefore(), settings.dnsNames(), settings.ipAddresses())) {
            List<X509Certificate> bundle = current.bundle().stream().filter(c -> c.getNotAfter().toInstant().isAfter(now)).toList();
            return Option.some(new WebhookTls(current.authority(), serving(current.authority(), now), bundle));
        }
        return Option.none();
    }

    private IssuedCertificate authority(Instant now) {
        return issuer.authority("flinkop webhook authority " + settings.namespace(), now.minus(BACKDATE), now.plus(settings.authorityValidity()));
    }

    private IssuedCertificate serving(IssuedCertificate authority, Instant now) {
        // a serving certificate never outlives its authority
        Instant notAfter = min(now.plus(settings.validity()), authority.certificate().getNotAfter().toInstant());
        return issuer.serving(authority, settings.dnsNames().get(2), settings.dnsNames(), settings.ipAddresses(), now.minus(BACKDATE), notAfter);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
