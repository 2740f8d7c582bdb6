package org.flinkop.runtime.operator.webhook;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.vavr.control.Either;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.flinkop.ports.Done;
import org.flinkop.ports.admission.ResourceLookup;
import org.flinkop.runtime.operator.lifecycle.Lifecycle;
import org.flinkop.runtime.operator.logging.OperatorLog;
import org.flinkop.runtime.operator.webhook.tls.CertificateIssuer;
import org.flinkop.runtime.operator.webhook.tls.ReloadingKeyManager;
import org.flinkop.runtime.operator.webhook.tls.WebhookTls;

/**
 * The admission webhooks as a part of the operator: on start, the certificates are brought up to date (the Secret
 * read, created or renewed; the webhook configurations' caBundle set), then the HTTPS server listens; every
 * {@code checkInterval} the certificates are checked again. Every replica serves the webhooks, leader or not. When
 * the webhooks are not enabled, the part does nothing.
 */
public final class Webhooks implements Lifecycle {

    private final WebhookSettings settings;
    private final WebhookCertificates certificates;
    private final WebhookServer server;
    private final OperatorLog log;
    private ScheduledExecutorService checks;

    /**
     * @param settings             the {@code flinkop.webhook.*} settings
     * @param address              the address to listen on
     * @param client               the API server, for the Secret and the webhook configurations
     * @param store                where a session job's session cluster is looked up
     * @param plainHttpJarsAllowed whether {@code http://} jar URIs are admitted
     * @param namespaces           the watched namespaces (empty: all); resources elsewhere are admitted unchecked
     */
    public Webhooks(WebhookSettings settings, String address, KubernetesClient client, ResourceLookup store, boolean plainHttpJarsAllowed,
            Set<String> namespaces, Clock clock, OperatorLog log) {
        this.settings = settings;
        this.log = log;
        ReloadingKeyManager keys = new ReloadingKeyManager();
        KubernetesSerialization json = new KubernetesSerialization();
        this.certificates = new WebhookCertificates(client, settings, new CertificateRotation(new CertificateIssuer(new SecureRandom()), settings), keys,
                clock, log);
        this.server = new WebhookServer(address, settings.port(), keys, new ValidationReview(store, plainHttpJarsAllowed, namespaces),
                new MutationReview(json), json, log);
    }

    @Override
    public String name() {
        return "admission webhooks";
    }

    @Override
    public synchronized Either<String, Done> start() {
        if (!settings.enabled() || checks != null) {
            return Either.right(Done.DONE);
        }
        Either<String, WebhookTls> checked = certificates.check();
        if (checked.isLeft()) {
            return Either.left(checked.getLeft());
        }
        try {
            server.start();
        } catch (IOException | GeneralSecurityException e) {
            return Either.left("cannot listen on port " + settings.port() + " (" + e.getMessage() + "); set flinkop.webhook.server.port");
        }
        checks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "flinkop-webhook-certificates");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.checkInterval().toMillis();
        checks.scheduleWithFixedDelay(this::checkInBackground, every, every, TimeUnit.MILLISECONDS);
        log.info("webhooks listening", OperatorLog.fields("port", server.port()));
        return Either.right(Done.DONE);
    }

    /** Checks the certificates now (renewing what is due, loading what another replica renewed); left says what failed. */
    public Either<String, WebhookTls> checkCertificates() {
        return certificates.check();
    }

    /** The port the webhooks listen on (the one chosen, when the settings said 0). */
    public int port() {
        return server.port();
    }

    @Override
    public synchronized void stop(Duration grace) {
        if (checks != null) {
            checks.shutdownNow();
            server.stop();
            checks = null;
        }
    }

    private void checkInBackground() {
        try {
            certificates.check().peekLeft(problem -> log.warn("webhook certificate check failed; serving the current certificate",
                    OperatorLog.fields("error", problem)));
        } catch (RuntimeException e) {
            log.error("webhook certificate check failed", OperatorLog.fields(), e);
        }
    }
}
