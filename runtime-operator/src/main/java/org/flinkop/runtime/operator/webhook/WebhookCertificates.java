package org.flinkop.runtime.operator.webhook;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.flinkop.runtime.operator.logging.OperatorLog;
import org.flinkop.runtime.operator.webhook.tls.ReloadingKeyManager;
import org.flinkop.runtime.operator.webhook.tls.WebhookTls;

/**
 * Keeps the webhook's certificates in the one Secret the operator owns, and the webhook configurations' trust in
 * step with it. Each {@link #check} reads the Secret; creates it with a new set when it is missing, fills it when it
 * is empty (as {@code deploy/operator} ships it), renews what is due; then serves its serving certificate and makes
 * the {@code caBundle} of the ValidatingWebhookConfiguration and MutatingWebhookConfiguration its bundle.
 *
 * <p>Replicas share the Secret: every write is a create (refused when another replica created it first) or an update
 * locked on the resourceVersion read; a refused write is followed by reading the Secret again and using what the
 * other replica wrote. Keys and certificates never appear in a log line or an error.
 */
final class WebhookCertificates {

    private static final int ATTEMPTS = 5;

    private final KubernetesClient client;
    private final WebhookSettings settings;
    private final CertificateRotation rotation;
    private final ReloadingKeyManager keys;
    private final Clock clock;
    private final OperatorLog log;
    private final KubernetesSerialization json = new KubernetesSerialization();

    WebhookCertificates(KubernetesClient client, WebhookSettings settings, CertificateRotation rotation, ReloadingKeyManager keys, Clock clock,
            OperatorLog log) {
        this.client = client;
        this.settings = settings;
        this.rotation = rotation;
        this.keys = keys;
        this.clock = clock;
        this.log = log;
    }

    /** Brings the Secret, the served certificate and the webhook configurations up to date; left says what failed. */
    synchronized Either<String, WebhookTls> check() {
        try {
            WebhookTls tls = settle();
            if (!tls.serving().certificate().equals(keys.current())) {
                keys.load(tls.serving(), tls.authority().certificate());
                log.info("webhook serving certificate loaded", OperatorLog.fields("object", secretName(), "not_after", tls.serving().certificate().getNotAfter().toInstant()));
            }
            trust(tls.caBundlePem());
            return Either.right(tls);
        } catch (KubernetesClientException e) {
            return Either.left(describe(e));
        } catch (IllegalStateException e) {
            // issuing failed (a JDK without ECDSA P-256): the message says so and holds no key material
            return Either.left("webhook certificates: " + e.getMessage());
        }
    }

    private WebhookTls settle() {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            Resource<Secret> secret = client.secrets().inNamespace(settings.namespace()).withName(settings.secretName());
            Secret stored = secret.get();
            if (stored == null) {
                WebhookTls fresh = rotation.fresh(now);
                if (written(() -> client.secrets().inNamespace(settings.namespace()).resource(newSecret(fresh)).create(), "created")) {
                    return fresh;
                }
                continue;
            }
            Either<String, WebhookTls> read = WebhookTls.fromSecretData(stored.getData());
            if (read.isLeft() && stored.getData() != null && !stored.getData().isEmpty()) {
                log.warn("webhook Secret unreadable; issuing a new certificate set", OperatorLog.fields("problem", read.getLeft()));
            }
            Option<WebhookTls> next = read.isLeft() ? Option.some(rotation.fresh(now)) : rotation.renewed(read.get(), now);
            if (next.isEmpty()) {
                return read.get();
            }
            Secret updated = new SecretBuilder(stored).withData(next.get().toSecretData()).withStringData(null).build();
            if (written(() -> client.secrets().inNamespace(settings.namespace()).resource(updated).update(), read.isLeft() ? "filled" : "renewed")) {
                return next.get();
            }
        }
        throw new KubernetesClientException("the Secret " + settings.namespace() + "/" + settings.secretName() + " changed " + ATTEMPTS
                + " times while it was being written");
    }

    /** Whether the write went through; false when another replica wrote first (then the Secret is read again). */
    private boolean written(java.util.function.Supplier<Secret> write, String what) {
        try {
            write.get();
            log.info("webhook certificates " + what, OperatorLog.fields("object", secretName()));
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    /** How log lines name the Secret (a field named "secret" would be masked). */
    private String secretName() {
        return "Secret " + settings.namespace() + "/" + settings.secretName();
    }

    private Secret newSecret(WebhookTls tls) {
        return new SecretBuilder().withNewMetadata().withName(settings.secretName()).withNamespace(settings.namespace())
                .withLabels(Map.of("app.kubernetes.io/managed-by", "flinkop", "app.kubernetes.io/component", "webhook")).endMetadata()
                .withType("Opaque").withData(tls.toSecretData()).build();
    }

    /** Sets the caBundle of every webhook in both configurations, where it differs; a configuration that does not exist is skipped. */
    private void trust(String bundlePem) {
        String caBundle = Base64.getEncoder().encodeToString(bundlePem.getBytes(StandardCharsets.US_ASCII));
        trust("ValidatingWebhookConfiguration", client.admissionRegistration().v1().validatingWebhookConfigurations().withName(settings.configurationName()),
                ValidatingWebhookConfiguration::getWebhooks, ValidatingWebhook::getClientConfig, caBundle);
        trust("MutatingWebhookConfiguration", client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(settings.configurationName()),
                MutatingWebhookConfiguration::getWebhooks, MutatingWebhook::getClientConfig, caBundle);
    }

    private <C, W> void trust(String kind, Resource<C> configuration, Function<C, List<W>> webhooks, Function<W, WebhookClientConfig> clientConfig,
            String caBundle) {
        C stored = configuration.get();
        if (stored == null) {
            log.warn("webhook configuration not found; the API server does not call this webhook", OperatorLog.fields("kind", kind, "name",
                    settings.configurationName()));
            return;
        }
        patch(kind, webhooks.apply(stored), clientConfig, caBundle).forEach(p -> configuration.patch(PatchContext.of(PatchType.JSON), p));
    }

    /** A JSONPatch setting the caBundle of the webhooks that lack it; none when all have it. */
    private <W> Option<String> patch(String kind, List<W> webhooks, Function<W, WebhookClientConfig> clientConfig, String caBundle) {
        List<Map<String, Object>> operations = new ArrayList<>();
        for (int i = 0; i < webhooks.size(); i++) {
            WebhookClientConfig config = clientConfig.apply(webhooks.get(i));
            if (config == null || !caBundle.equals(config.getCaBundle())) {
                operations.add(Map.of("op", "add", "path", "/webhooks/" + i + "/clientConfig/caBundle", "value", caBundle));
            }
        }
        if (!operations.isEmpty()) {
            log.info("webhook caBundle updated", OperatorLog.fields("kind", kind, "name", settings.configurationName(), "webhooks", operations.size()));
        }
        return operations.isEmpty() ? Option.none() : Option.some(json.asJson(operations));
    }

    private String describe(KubernetesClientException e) {
        String rights = e.getCode() == 403
                ? " (the operator needs get and update on the Secret " + settings.secretName() + ", get and patch on the webhook configurations "
                        + settings.configurationName() + ")"
                : "";
        return "webhook certificates: " + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage()) + rights;
    }
}
