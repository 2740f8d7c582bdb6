package org.flinkop.runtime.operator.webhook.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A certificate with its private key. {@link #toString()} names the certificate and never shows the key.
 */
public record IssuedCertificate(X509Certificate certificate, PrivateKey key) {

    public IssuedCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
        return "IssuedCertificate[subject=" + certificate.getSubjectX500Principal() + ", notAfter=" + certificate.getNotAfter().toInstant() + "]";
    }
}
