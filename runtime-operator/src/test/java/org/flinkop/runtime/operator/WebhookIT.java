package org.flinkop.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.flinkop.ports.admission.ResourceLookup;
import org.flinkop.runtime.operator.logging.LogLevel;
import org.flinkop.runtime.operator.logging.LogSink;
import org.flinkop.runtime.operator.logging.OperatorLog;
import org.flinkop.runtime.operator.logging.SecretMasker;
import org.flinkop.runtime.operator.webhook.WebhookSettings;
import org.flinkop.runtime.operator.webhook.Webhooks;
import org.flinkop.runtime.operator.webhook.tls.Pem;
import org.flinkop.testkit.kube.KubeControlPlane;
import org.flinkop.testkit.kube.WithKubeApiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The admission webhooks as the real API server calls them: the operator's webhook part runs in this JVM on
 * 127.0.0.1, registered by URL in webhook configurations that select only this test's namespace, with the
 * certificate it issued into its Secret and the caBundle it set. That the API server's calls succeed proves it
 * trusts the certificate.
 */
@WithKubeApiServer
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookIT {

    private static final String NAMESPACE = "webhook-it";
    private static final String CONFIGURATION = "flinkop-webhook-it";
    private static final String SECRET = "flinkop-webhook-cert";
    private static final String SELECTOR_LABEL = "flinkop-webhook-it";

    private static KubeWorld world;
    private static CapturedLog log;
    private static Webhooks webhooks;
    private static WebhookSettings settings;

    @BeforeAll
    static void startTheWebhooks(KubeControlPlane plane) {
        plane.kubectl("create", "namespace", NAMESPACE);
        plane.kubectl("label", "namespace", NAMESPACE, SELECTOR_LABEL + "=yes");
        world = new KubeWorld(plane, NAMESPACE);
        int port = KubeWorld.freePort();
        registerConfigurations(port);
        // short lives, so that a replica with a longer renew-before finds both certificates due (the test of renewal)
        settings = new WebhookSettings(true, port, NAMESPACE, "flinkop-webhook", SECRET, CONFIGURATION, List.of("127.0.0.1"), Duration.ofDays(1),
                Duration.ofDays(2), Duration.ofHours(1), Duration.ofHours(1));
        log = new CapturedLog(KubeWorld.itDir().resolve("logs").resolve("webhook-it.log"));
        webhooks = webhooks(settings);
        assertThat(webhooks.start().isRight()).as("the webhooks started").isTrue();
    }

    @AfterAll
    static void removeTheWebhooks() {
        if (webhooks != null) {
            webhooks.stop(Duration.ZERO);
        }
        String bundle = caBundle();
        if (world != null) {
            world.client().admissionRegistration().v1().validatingWebhookConfigurations().withName(CONFIGURATION).delete();
            world.client().admissionRegistration().v1().mutatingWebhookConfigurations().withName(CONFIGURATION).delete();
            world.close();
        }
        if (log != null) {
            assertThat(log.text()).as("no key or certificate is logged").doesNotContain("PRIVATE KEY").doesNotContain("BEGIN CERTIFICATE")
                    .doesNotContain(bundle);
        }
    }

    @Test
    @Order(1)
    void the_certificate_is_kept_in_the_secret_and_both_configurations_trust_its_authority() throws Exception {
        Secret secret = secret();
        assertThat(secret.getData()).containsOnlyKeys("ca.crt", "ca.key", "tls.crt", "tls.key", "ca-bundle.crt");
        X509Certificate serving = Pem.readCertificates(decoded(secret, "tls.crt")).get(0);
        X509Certificate authority = Pem.readCertificates(decoded(secret, "ca.crt")).get(0);
        serving.verify(authority.getPublicKey());
        assertThat(serving.getSubjectAlternativeNames()).contains(List.of(7, "127.0.0.1"), List.of(2, "flinkop-webhook." + NAMESPACE + ".svc"));
        assertThat(servedCertificate()).isEqualTo(serving);
        assertThat(validatingBundle()).isEqualTo(secret.getData().get("ca-bundle.crt"));
        assertThat(mutatingBundle()).isEqualTo(secret.getData().get("ca-bundle.crt"));
    }

    @Test
    @Order(2)
    void an_invalid_deployment_is_refused_and_kubectl_prints_every_violation() throws IOException {
        // a path relative to the module, so that kubectl's message reads as a user's would (the README quotes it)
        Path file = Path.of("target/it/manifests/orders-invalid.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata:
                  name: orders
                spec:
                  image: flink:1.20
                  flinkVersion: v1_20
                  flinkConfiguration:
                    state.checkpoints.dir: file:///flink/checkpoints
                  jobManager:
                    resource: {memory: 2048m, cpu: 1}
                  taskManager:
                    resource: {memory: lots, cpu: 1}
                  job:
                    jarURI: local:///opt/flink/orders.jar
                    parallelism: -2
                    upgradeMode: savepoint
                """);
        String refusal = KubeWorld.refusalOf(() -> world.kubectl("apply", "-f", file.toString()));
        Files.writeString(KubeWorld.itDir().resolve("webhook-refusal.txt"), refusal);

        assertThat(refusal).contains("denied the request", "FlinkDeployment " + NAMESPACE + "/orders: 3 problem(s)")
                .contains("spec.taskManager.resource.memory: ", "[INVALID_MEMORY]")
                .contains("spec.job.parallelism: ", "[OUT_OF_RANGE]")
                .contains("spec.job.upgradeMode: ", "[SAVEPOINT_DIR_MISSING]");
        assertThat(refusal).doesNotContain("CHECKPOINT_DIR_MISSING");
        assertThat(world.flinkDeployment("orders")).as("nothing was stored").isNull();
    }

    @Test
    @Order(3)
    void a_valid_deployment_is_accepted_and_once_deployed_cannot_become_a_session_cluster() {
        world.applyYaml("orders", application("orders"));
        GenericKubernetesResource stored = world.flinkDeployment("orders");
        assertThat(stored).isNotNull();
        markDeployed(stored);

        String refusal = KubeWorld.refusalOf(() -> world.applyYaml("orders-session", session("orders")));
        assertThat(refusal).contains("[CLUSTER_TYPE_CHANGED]", "spec: the job was removed from an application cluster");
        assertThat(world.flinkDeployment("orders").getAdditionalProperties().get("spec")).asString().contains("jarURI");

        world.kubectl("label", "flinkdeployment", "orders", "team=a");
        assertThat(world.flinkDeployment("orders").getMetadata().getLabels()).as("a change that leaves the spec alone passes").containsEntry("team", "a");
    }

    @Test
    @Order(4)
    void a_session_job_gets_the_target_session_label() {
        world.applyYaml("cluster", session("cluster"));
        world.applyYaml("job", """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkSessionJob
                metadata:
                  name: job
                spec:
                  deploymentName: cluster
                  job:
                    jarURI: local:///opt/flink/job.jar
                    upgradeMode: stateless
                """);

        assertThat(world.sessionJob("job").getMetadata().getLabels()).containsEntry("target.session", "cluster");
    }

    @Test
    @Order(5)
    void renewal_replaces_the_certificates_and_the_ca_bundle_and_the_api_server_trusts_the_new_ones() throws Exception {
        Secret before = secret();
        // another replica, whose renew-before reaches past both expiries, renews both certificates
        Webhooks otherReplica = webhooks(settings.withRenewBefore(Duration.ofDays(3)));
        assertThat(otherReplica.checkCertificates().isRight()).isTrue();
        Secret after = secret();
        assertThat(decoded(after, "tls.crt")).isNotEqualTo(decoded(before, "tls.crt"));
        assertThat(decoded(after, "ca.crt")).isNotEqualTo(decoded(before, "ca.crt"));
        List<X509Certificate> bundle = Pem.readCertificates(decoded(after, "ca-bundle.crt"));
        assertThat(bundle).as("the new authority, and the old one while replicas still serve its certificate")
                .containsExactly(Pem.readCertificates(decoded(after, "ca.crt")).get(0), Pem.readCertificates(decoded(before, "ca.crt")).get(0));
        assertThat(validatingBundle()).isEqualTo(after.getData().get("ca-bundle.crt"));
        assertThat(mutatingBundle()).isEqualTo(after.getData().get("ca-bundle.crt"));

        // this replica loads what the other one wrote, and the API server trusts it
        assertThat(webhooks.checkCertificates().isRight()).isTrue();
        assertThat(servedCertificate()).isEqualTo(Pem.readCertificates(decoded(after, "tls.crt")).get(0));
        assertThat(KubeWorld.refusalOf(() -> world.applyYaml("orders-session-again", session("orders")))).contains("[CLUSTER_TYPE_CHANGED]");
        world.applyYaml("renewed", application("renewed"));
        assertThat(world.flinkDeployment("renewed")).isNotNull();
    }

    @Test
    @Order(6)
    void with_the_webhook_down_deleting_works_and_creating_is_refused() {
        webhooks.stop(Duration.ZERO);

        world.kubectl("delete", "flinkdeployment", "orders", "renewed", "cluster");
        world.kubectl("delete", "flinksessionjob", "job");
        assertThat(world.flinkDeployment("orders")).isNull();
        assertThat(KubeWorld.refusalOf(() -> world.applyYaml("while-down", application("while-down")))).contains("failed calling webhook");
    }

    private static Webhooks webhooks(WebhookSettings with) {
        LogSink sink = new LogSink(log.printStream(), LogLevel.INFO, new SecretMasker(), Clock.systemUTC());
        return new Webhooks(with, "127.0.0.1", world.client(), ResourceLookup.none(), false, java.util.Set.of(), Clock.systemUTC(),
                new OperatorLog(sink, "org.flinkop.operator.webhook"));
    }

    private static void registerConfigurations(int port) {
        Map<String, String> selector = Map.of(SELECTOR_LABEL, "yes");
        ValidatingWebhookConfiguration validating = new ValidatingWebhookConfigurationBuilder().withNewMetadata().withName(CONFIGURATION).endMetadata()
                .addNewWebhook().withName("validate.flinkop.flink.apache.org").withAdmissionReviewVersions("v1").withSideEffects("None")
                .withFailurePolicy("Fail").withTimeoutSeconds(10).withNewClientConfig().withUrl("https://127.0.0.1:" + port + "/validate").endClientConfig()
                .withNewNamespaceSelector().withMatchLabels(selector).endNamespaceSelector()
                .addNewRule().withApiGroups("flink.apache.org").withApiVersions("*").withOperations("CREATE", "UPDATE")
                .withResources("flinkdeployments", "flinksessionjobs", "flinkstatesnapshots").withScope("Namespaced").endRule()
                .endWebhook().build();
        MutatingWebhookConfiguration mutating = new MutatingWebhookConfigurationBuilder().withNewMetadata().withName(CONFIGURATION).endMetadata()
                .addNewWebhook().withName("mutate.flinkop.flink.apache.org").withAdmissionReviewVersions("v1").withSideEffects("None")
                .withFailurePolicy("Ignore").withTimeoutSeconds(10).withNewClientConfig().withUrl("https://127.0.0.1:" + port + "/mutate").endClientConfig()
                .withNewNamespaceSelector().withMatchLabels(selector).endNamespaceSelector()
                .addNewRule().withApiGroups("flink.apache.org").withApiVersions("*").withOperations("CREATE", "UPDATE")
                .withResources("flinksessionjobs").withScope("Namespaced").endRule()
                .endWebhook().build();
        world.client().admissionRegistration().v1().validatingWebhookConfigurations().resource(validating).create();
        world.client().admissionRegistration().v1().mutatingWebhookConfigurations().resource(mutating).create();
    }

    /** Records, as the operator would after deploying it, that the resource's cluster runs its current spec. */
    @SuppressWarnings("unchecked")
    private static void markDeployed(GenericKubernetesResource stored) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("reconciliationStatus", Map.of("state", "DEPLOYED", "lastReconciledSpec", stored.getAdditionalProperties().get("spec")));
        stored.getAdditionalProperties().put("status", status);
        world.client().genericKubernetesResources(KubeWorld.FLINK_DEPLOYMENTS).inNamespace(NAMESPACE).resource(stored).updateStatus();
    }

    private static String application(String name) {
        return session(name) + """
                  job:
                    jarURI: local:///opt/flink/orders.jar
                    parallelism: 2
                    upgradeMode: stateless
                """;
    }

    private static String session(String name) {
        return """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata:
                  name: %s
                spec:
                  image: flink:1.20
                  flinkVersion: v1_20
                  jobManager:
                    resource: {memory: 2048m, cpu: 1}
                  taskManager:
                    resource: {memory: 2048m, cpu: 1}
                """.formatted(name);
    }

    private static Secret secret() {
        return world.client().secrets().inNamespace(NAMESPACE).withName(SECRET).get();
    }

    private static String decoded(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.US_ASCII);
    }

    private static String validatingBundle() {
        return world.client().admissionRegistration().v1().validatingWebhookConfigurations().withName(CONFIGURATION).get().getWebhooks().get(0)
                .getClientConfig().getCaBundle();
    }

    private static String mutatingBundle() {
        return world.client().admissionRegistration().v1().mutatingWebhookConfigurations().withName(CONFIGURATION).get().getWebhooks().get(0)
                .getClientConfig().getCaBundle();
    }

    private static String caBundle() {
        Secret secret = world == null ? null : secret();
        return secret == null || secret.getData() == null ? "no bundle" : secret.getData().get("ca-bundle.crt");
    }

    /** The certificate the webhook presents to a client now. */
    private static X509Certificate servedCertificate() throws Exception {
        X509Certificate[] seen = new X509Certificate[1];
        TrustManager recorder = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                seen[0] = chain[0];
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {recorder}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", webhooks.port()), 10_000);
            socket.startHandshake();
        }
        return seen[0];
    }
}
