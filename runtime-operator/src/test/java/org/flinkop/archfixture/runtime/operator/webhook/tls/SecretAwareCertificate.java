package org.flinkop.archfixture.runtime.operator.webhook.tls;

/** Violation: certificate code that reaches for the Kubernetes client's model instead of only the JDK. */
public final class SecretAwareCertificate {
    io.fabric8.kubernetes.api.model.Secret secret;
}
