package org.flinkop.runtime.operator.webhook.tls;

import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the webhook's Secret holds: the certificate authority with its key, the serving certificate with its key, and
 * the bundle of authority certificates the API server is told to trust ({@code caBundle}): the current authority,
 * and the one before it while it is still valid, so that replicas still serving a certificate of the previous
 * authority stay trusted until they load the new one.
 */
public record WebhookTls(IssuedCertificate authority, IssuedCertificate serving, List<X509Certificate> bundle) {

    static final String CA_CERT = "ca.crt";
    static final String CA_KEY = "ca.key";
    static final String TLS_CERT = "tls.crt";
    static final String TLS_KEY = "tls.key";
    static final String CA_BUNDLE = "ca-bundle.crt";

    public WebhookTls {
        bundle = List.copyOf(bundle);
    }

    /** The Secret's {@code data}: each value PEM, base64-encoded as Secrets store them. */
    public Map<String, String> toSecretData() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(CA_CERT, base64(Pem.certificates(List.of(authority.certificate()))));
        data.put(CA_KEY, base64(Pem.privateKey(authority.key())));
        data.put(TLS_CERT, base64(Pem.certificates(List.of(serving.certificate(), authority.certificate()))));
        data.put(TLS_KEY, base64(Pem.privateKey(serving.key())));
        data.put(CA_BUNDLE, base64(caBundlePem()));
        return data;
    }

    /** The Secret's {@code data} read back; left with what is missing or unreadable (never the key material itself). */
    public static Either<String, WebhookTls> fromSecretData(Map<String, String> data) {
        if (data == null || !data.keySet().containsAll(List.of(CA_CERT, CA_KEY, TLS_CERT, TLS_KEY, CA_BUNDLE))) {
            return Either.left("the Secret holds no complete certificate set (" + CA_CERT + ", " + CA_KEY + ", " + TLS_CERT + ", " + TLS_KEY + ", "
                    + CA_BUNDLE + ")");
        }
        try {
            X509Certificate ca = Pem.readCertificates(text(data.get(CA_CERT))).get(0);
            X509Certificate cert = Pem.readCertificates(text(data.get(TLS_CERT))).get(0);
            IssuedCertificate authority = new IssuedCertificate(ca, Pem.readPrivateKey(text(data.get(CA_KEY)), "EC"));
            IssuedCertificate serving = new IssuedCertificate(cert, Pem.readPrivateKey(text(data.get(TLS_KEY)), "EC"));
            cert.verify(ca.getPublicKey());
            return Either.right(new WebhookTls(authority, serving, Pem.readCertificates(text(data.get(CA_BUNDLE)))));
        } catch (GeneralSecurityException | IllegalArgumentException | IndexOutOfBoundsException e) {
            // the exception's text may quote what it failed to parse: say only which kind of problem it was
            return Either.left("the Secret's certificates cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The PEM the webhook configurations' {@code caBundle} carries. */
    public String caBundlePem() {
        return Pem.certificates(bundle);
    }

    /** Whether the serving certificate should be issued again: it expires within {@code renewBefore}, or lacks a name it must carry. */
    public boolean servingDue(Instant now, Duration renewBefore, Collection<String> dnsNames, Collection<String> ipAddresses) {
        return expiresWithin(serving.certificate(), now, renewBefore) || !names(serving.certificate()).containsAll(dnsNames)
                || !names(serving.certificate()).containsAll(ipAddresses);
    }

    /** Whether the authority should be replaced: it expires within {@code renewBefore}. */
    public boolean authorityDue(Instant now, Duration renewBefore) {
        return expiresWithin(authority.certificate(), now, renewBefore);
    }

    static boolean expiresWithin(X509Certificate certificate, Instant now, Duration window) {
        return !certificate.getNotAfter().toInstant().isAfter(now.plus(window)) || certificate.getNotBefore().toInstant().isAfter(now.plus(Duration.ofMinutes(5)));
    }

    /** The DNS names and IP addresses a certificate is for. */
    public static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                alternatives.forEach(entry -> names.add(String.valueOf(entry.get(1))));
            }
        } catch (CertificateParsingException e) {
            return List.of();
        }
        return names;
    }

    @Override
    public String toString() {
        return "WebhookTls[authority=" + authority + ", serving=" + serving + ", bundle=" + bundle.size() + " certificate(s)]";
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String text(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
    }
}
