package org.flinkop.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.runtime.operator.KubeWorld.await;
import static org.flinkop.runtime.operator.KubeWorld.status;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.Config;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.flinkop.runtime.operator.config.ConfigFile;
import org.flinkop.runtime.operator.config.ConfigReader;
import org.flinkop.runtime.operator.config.OperatorKeys;
import org.flinkop.testkit.kube.KubeControlPlane;
import org.flinkop.testkit.kube.WithKubeApiServer;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The install manifests of {@code deploy/operator}, applied with the machine's kubectl as a user would: the API
 * server takes them, the objects are what they should be (the operator's pods stay Pending: there is no kubelet),
 * and the operator does a FlinkDeployment's whole life with nothing but the namespaced rights, as its service
 * account, its admission webhooks called by the API server and their certificate kept with the shipped rights. The
 * cluster-wide variant is checked after, since its binding would grant the account more.
 */
@WithKubeApiServer
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstallManifestsIT {

    private static final String NAMESPACE = "flinkop";
    private static final String ACCOUNT = "system:serviceaccount:flinkop:flinkop-operator";
    private static final String WEBHOOK = "flinkop-webhook";
    private static final String WEBHOOK_SECRET = "flinkop-webhook-cert";

    private static Path manifests(String variant) {
        return Path.of(System.getProperty("flinkop.root", "..")).resolve("deploy/operator").resolve(variant).toAbsolutePath().normalize();
    }

    @Test
    @Order(1)
    void the_namespaced_install_is_accepted_and_its_objects_are_as_meant(KubeControlPlane plane) throws IOException {
        String applied = plane.kubectl("apply", "-k", manifests("namespaced").toString());
        assertThat(applied).contains("namespace/flinkop", "serviceaccount/flinkop-operator", "serviceaccount/flink", "role.rbac.authorization.k8s.io/flinkop-operator",
                "rolebinding.rbac.authorization.k8s.io/flinkop-operator", "deployment.apps/flinkop-operator", "service/flinkop-operator",
                "role.rbac.authorization.k8s.io/flinkop-leader-election", "rolebinding.rbac.authorization.k8s.io/flinkop-leader-election");
        try (KubeWorld world = new KubeWorld(plane, NAMESPACE)) {
            Deployment deployment = world.deployment("flinkop-operator");
            Container operator = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("flinkop-operator");
            assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
            assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
            assertThat(operator.getPorts()).anySatisfy(port -> assertThat(port.getContainerPort()).isEqualTo(8085));
            assertThat(operator.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(operator.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(operator.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(operator.getEnv()).anySatisfy(env -> {
                assertThat(env.getName()).isEqualTo(OperatorKeys.environmentVariable(OperatorKeys.WATCHED_NAMESPACES));
                assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
            });

            ConfigMap config = world.client().configMaps().inNamespace(NAMESPACE).list().getItems().stream()
                    .filter(c -> c.getMetadata().getName().startsWith("flinkop-config-")).findFirst().orElseThrow();
            var read = ConfigFile.yaml(Path.of("operator.yaml"), config.getData().get("operator.yaml"))
                    .mapLeft(List::of).flatMap(values -> ConfigReader.read(values, Map.of(), Path.of("/tmp")).mapLeft(io.vavr.collection.List::toJavaList));
            assertThat(read.isRight()).as("the shipped configuration is valid: %s", read).isTrue();

            assertThat(world.client().admissionRegistration().v1().validatingWebhookConfigurations().withName(WEBHOOK).get().getWebhooks())
                    .singleElement().satisfies(webhook -> {
                        assertThat(webhook.getFailurePolicy()).isEqualTo("Fail");
                        assertThat(webhook.getRules()).singleElement().satisfies(rule -> assertThat(rule.getOperations()).containsExactly("CREATE", "UPDATE"));
                        assertThat(webhook.getClientConfig().getService().getNamespace()).isEqualTo(NAMESPACE);
                    });
            assertThat(world.client().secrets().inNamespace(NAMESPACE).withName(WEBHOOK_SECRET).get().getData()).as("shipped empty").isNullOrEmpty();

            await("the controller manager made the operator's pod (Pending: no kubelet)",
                    () -> !world.client().pods().inNamespace(NAMESPACE).withLabel("app.kubernetes.io/name", "flinkop-operator").list().getItems().isEmpty(),
                    () -> world.client().pods().inNamespace(NAMESPACE).list().getItems().size());
        }
        assertThat(can(plane, "watch", "flinkdeployments.flink.apache.org", NAMESPACE)).isTrue();
        assertThat(can(plane, "update", "flinkdeployments.flink.apache.org/status", NAMESPACE)).isTrue();
        assertThat(can(plane, "patch", "deployments.apps", NAMESPACE)).isTrue();
        assertThat(can(plane, "create", "flinkdeployments.flink.apache.org", NAMESPACE)).as("users create FlinkDeployments, not the operator").isFalse();
        assertThat(can(plane, "delete", "flinkdeployments.flink.apache.org", NAMESPACE)).isFalse();
        assertThat(can(plane, "get", "secrets", NAMESPACE)).isFalse();
        assertThat(can(plane, "get", "secrets/" + WEBHOOK_SECRET, NAMESPACE)).as("its own Secret, by name").isTrue();
        assertThat(can(plane, "update", "secrets/" + WEBHOOK_SECRET, NAMESPACE)).isTrue();
        assertThat(can(plane, "create", "secrets", NAMESPACE)).isFalse();
        assertThat(can(plane, "patch", "validatingwebhookconfigurations.admissionregistration.k8s.io/" + WEBHOOK, NAMESPACE)).isTrue();
        assertThat(can(plane, "patch", "mutatingwebhookconfigurations.admissionregistration.k8s.io/" + WEBHOOK, NAMESPACE)).isTrue();
        assertThat(can(plane, "create", "validatingwebhookconfigurations.admissionregistration.k8s.io", NAMESPACE)).isFalse();
        assertThat(can(plane, "patch", "validatingwebhookconfigurations.admissionregistration.k8s.io/another", NAMESPACE)).isFalse();
        assertThat(can(plane, "list", "flinkdeployments.flink.apache.org", "default")).as("nothing outside its namespace").isFalse();
        assertThat(can(plane, "create", "leases.coordination.k8s.io", NAMESPACE)).as("the leader election Lease").isTrue();
        assertThat(can(plane, "update", "leases.coordination.k8s.io/flinkop-leader", NAMESPACE)).isTrue();
        assertThat(can(plane, "update", "leases.coordination.k8s.io/another", NAMESPACE)).as("only its own Lease").isFalse();
        assertThat(can(plane, "delete", "leases.coordination.k8s.io/flinkop-leader", NAMESPACE)).isFalse();
        assertThat(can(plane, "create", "leases.coordination.k8s.io", "default")).isFalse();
    }

    @Test
    @Order(2)
    void the_operator_runs_a_deployments_whole_life_with_only_the_namespaced_rights(KubeControlPlane plane) throws IOException {
        Config asServiceAccount = KubeClientConfig.resolve(Option.some(plane.kubeconfig()), Duration.ofSeconds(5)).get();
        try (KubeWorld world = new KubeWorld(plane, NAMESPACE)) {
            String token = world.client().serviceAccounts().inNamespace(NAMESPACE).withName("flinkop-operator")
                    .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build()).getStatus().getToken();
            asServiceAccount.setOauthToken(token);
            // the API server cannot reach a Service here (no pods, no proxy): the shipped webhooks are called by URL instead
            int webhookPort = KubeWorld.freePort();
            callWebhooksAt(world, webhookPort);
            Map<String, String> settings = new java.util.LinkedHashMap<>(InProcessOperator.testSettings(NAMESPACE));
            settings.put(OperatorKeys.WEBHOOK_ENABLED, "true");
            settings.put(OperatorKeys.WEBHOOK_PORT, String.valueOf(webhookPort));
            settings.put(OperatorKeys.WEBHOOK_IP_ADDRESSES, "127.0.0.1");
            try (InProcessOperator operator = InProcessOperator.start(asServiceAccount, settings,
                    KubeWorld.itDir().resolve("logs").resolve("install-manifests-namespaced-rights.log"))) {
                assertThat(world.client().secrets().inNamespace(NAMESPACE).withName(WEBHOOK_SECRET).get().getData()).as("filled by the operator")
                        .containsKeys("ca.crt", "tls.crt", "tls.key");
                assertThat(KubeWorld.refusalOf(() -> world.applyYaml("invalid", "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: invalid}\n"
                        + "spec: {image: flink:1.20, flinkVersion: v1_20, jobManager: {resource: {memory: 1g}}, taskManager: {resource: {memory: 1g}},"
                        + " job: {jarURI: 'local:///job.jar', parallelism: -1}}\n"))).contains("denied the request", "[OUT_OF_RANGE]");
                world.applyExample("standalone.yaml");
                String name = "basic-standalone-example";
                await(name + " STABLE", () -> "STABLE".equals(status(world.flinkDeployment(name), "lifecycleState")),
                        () -> status(world.flinkDeployment(name)));
                world.patchFlinkDeployment(name, "{\"spec\":{\"taskManager\":{\"replicas\":3}}}");
                // a scale change of a standalone application without the reactive scheduler is an upgrade: the
                // TaskManager Deployment is replaced, and is briefly missing
                await("three TaskManagers", () -> java.util.Optional.ofNullable(world.deployment(name + "-taskmanager"))
                                .map(d -> Integer.valueOf(3).equals(d.getSpec().getReplicas())).orElse(false),
                        () -> java.util.Optional.ofNullable(world.deployment(name + "-taskmanager")).map(d -> d.getSpec()).orElse(null));
                world.applyExample("basic-checkpoint-ha.yaml");
                await("the application running", () -> "RUNNING".equals(status(world.flinkDeployment("basic-checkpoint-ha-example"), "jobStatus", "state")),
                        () -> status(world.flinkDeployment("basic-checkpoint-ha-example")));
                world.applyExample("savepoint-snapshot.yaml");
                await("a savepoint snapshot completed", () -> "COMPLETED".equals(status(world.snapshot("example-savepoint"), "state")),
                        () -> status(world.snapshot("example-savepoint")));

                world.kubectl("delete", "flinkstatesnapshot", "example-savepoint", "--wait=false");
                world.kubectl("delete", "flinkdeployment", name, "basic-checkpoint-ha-example", "--wait=false");
                await("both deployments and their objects gone", () -> world.flinkDeployment(name) == null
                        && world.flinkDeployment("basic-checkpoint-ha-example") == null && world.snapshot("example-savepoint") == null
                        && world.clusterObjects(Map.of("app.kubernetes.io/managed-by", "flinkop")).isEmpty(),
                        () -> world.clusterObjectNames(Map.of("app.kubernetes.io/managed-by", "flinkop")));
                assertThat(operator.logText()).as("no request was forbidden").doesNotContain("FORBIDDEN").doesNotContain("forbidden");
                assertThat(world.events()).as("events were written").isNotEmpty();
            } finally {
                removeWebhookConfigurations(plane);
            }
        }
    }

    @Test
    @Order(3)
    void the_cluster_wide_install_binds_the_same_rules_in_every_namespace(KubeControlPlane plane) {
        String applied = plane.kubectl("apply", "-k", manifests("cluster-wide").toString());
        assertThat(applied).contains("clusterrole.rbac.authorization.k8s.io/flinkop-operator", "clusterrolebinding.rbac.authorization.k8s.io/flinkop-operator");
        try (KubeWorld world = new KubeWorld(plane, NAMESPACE)) {
            List<PolicyRule> cluster = world.client().rbac().clusterRoles().withName("flinkop-operator").get().getRules();
            List<PolicyRule> namespaced = world.client().rbac().roles().inNamespace(NAMESPACE).withName("flinkop-operator").get().getRules();
            assertThat(cluster).isEqualTo(namespaced);
            var binding = world.client().rbac().clusterRoleBindings().withName("flinkop-operator").get();
            assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
                assertThat(subject.getName()).isEqualTo("flinkop-operator");
                assertThat(subject.getNamespace()).isEqualTo(NAMESPACE);
            });
        }
        assertThat(can(plane, "list", "flinkdeployments.flink.apache.org", "default")).isTrue();
        assertThat(can(plane, "get", "secrets", "default")).isFalse();
        plane.kubectl("delete", "clusterrolebinding", "flinkop-operator");
        plane.kubectl("delete", "clusterrole", "flinkop-operator");
    }

    /** The shipped webhook configurations apply to every namespace: other tests on this control plane must not meet them. */
    @AfterAll
    static void removeWebhookConfigurations(KubeControlPlane plane) {
        plane.kubectl("delete", "validatingwebhookconfiguration,mutatingwebhookconfiguration", WEBHOOK, "--ignore-not-found");
    }

    /** Points the shipped webhook configurations at {@code https://127.0.0.1:port}, keeping everything else as shipped. */
    private static void callWebhooksAt(KubeWorld world, int port) {
        String validate = "[{\"op\":\"remove\",\"path\":\"/webhooks/0/clientConfig/service\"},"
                + "{\"op\":\"add\",\"path\":\"/webhooks/0/clientConfig/url\",\"value\":\"https://127.0.0.1:" + port + "%s\"}]";
        world.client().admissionRegistration().v1().validatingWebhookConfigurations().withName(WEBHOOK)
                .patch(PatchContext.of(PatchType.JSON), validate.formatted("/validate"));
        world.client().admissionRegistration().v1().mutatingWebhookConfigurations().withName(WEBHOOK)
                .patch(PatchContext.of(PatchType.JSON), validate.formatted("/mutate"));
    }

    /** {@code kubectl auth can-i} as the operator's service account. */
    private static boolean can(KubeControlPlane plane, String verb, String resource, String namespace) {
        try {
            return plane.kubectl("auth", "can-i", verb, resource, "-n", namespace, "--as", ACCOUNT).trim().equals("yes");
        } catch (IllegalStateException no) {
            // can-i exits with 1 when the answer is no
            return false;
        }
    }
}
