package org.flinkop.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.runtime.operator.KubeWorld.await;
import static org.flinkop.runtime.operator.KubeWorld.status;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.testkit.kube.KubeNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.flinkop.testkit.kube.WithKubeApiServer;

/**
 * The operator under what a cluster does to it: another writer changing a status in the middle of a pass, the
 * API server going away and coming back, and secrets in a resource's configuration; and what it reports of itself
 * on its endpoints. Flink is the testkit's fake behind the real Kubernetes deployer (see {@link FakeFlinkAwareDeployer}).
 */
@WithKubeApiServer
class OperatorResilienceIT {

    /** A sample line of the Prometheus text format: a name, optional labels, a number. */
    private static final Pattern SAMPLE = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*\\})? "
            + "(-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?|NaN|[+-]Inf)");

    private KubeWorld world;
    private InProcessOperator operator;

    @BeforeEach
    void start(KubeNamespace namespace) {
        world = new KubeWorld(namespace.controlPlane(), namespace.name());
        operator = InProcessOperator.start(namespace.controlPlane(), InProcessOperator.testSettings(namespace.name()),
                KubeWorld.itDir().resolve("logs").resolve(namespace.name() + ".log"));
    }

    @AfterEach
    void stop() throws IOException {
        operator.close();
        world.close();
    }

    @Test
    void a_status_another_writer_changed_during_a_pass_is_a_conflict_that_the_next_pass_resolves() {
        ResourceKey key = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, world.namespace(), "basic-example");
        world.applyExample("basic.yaml");
        awaitStable("basic-example");

        // the pass that plans the upgrade of a changed spec observes the cluster, then writes a status: another writer
        // gets in between, after the pass read the resource, and adds to the status (a pass of an earlier spec re-arms it)
        armConcurrentStatusWriter(key);
        world.patchFlinkDeployment("basic-example", "{\"spec\":{\"job\":{\"parallelism\":4}}}");

        await("basic-example upgraded to parallelism 4", () -> "STABLE".equals(status(world.flinkDeployment("basic-example"), "lifecycleState"))
                && "RUNNING".equals(status(world.flinkDeployment("basic-example"), "jobStatus", "state"))
                && String.valueOf(status(world.flinkDeployment("basic-example"), "reconciliationStatus", "lastReconciledSpec")).contains("parallelism=4"),
                () -> status(world.flinkDeployment("basic-example")));
        assertThat(operator.get("/metrics").body()).contains("flinkop_reconcile_failures_total{kind=\"FlinkDeployment\",reason=\"CONFLICT\"} 1");
        assertThat(operator.logText()).containsPattern("reconcile pass failed.*name=basic-example.*reason=CONFLICT");
    }

    private void armConcurrentStatusWriter(ResourceKey key) {
        operator.deployer().beforeNextObserve(key, () -> {
            GenericKubernetesResource current = world.flinkDeployment("basic-example");
            if (current.getMetadata().getGeneration() < 2) {
                armConcurrentStatusWriter(key);
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> status = new java.util.LinkedHashMap<>((Map<String, Object>) current.getAdditionalProperties().get("status"));
            status.put("error", "written by another replica");
            current.setAdditionalProperty("status", status);
            world.client().genericKubernetesResources(KubeWorld.FLINK_DEPLOYMENTS).inNamespace(world.namespace()).resource(current).updateStatus();
        });
    }

    @Test
    void the_operator_carries_on_after_the_api_server_restarts_in_the_middle_of_a_deployment() {
        world.applyExample("standalone.yaml");
        world.plane().stopApiServer();
        try {
            KubeWorld.sleep(2_000);
            assertThat(operator.get("/healthz").statusCode()).as("still alive without an API server").isEqualTo(200);
        } finally {
            world.plane().startApiServer();
        }

        awaitStable("basic-standalone-example");
        assertThat(world.deployment("basic-standalone-example-taskmanager").getSpec().getReplicas()).isEqualTo(2);
        world.applyExample("basic.yaml");
        awaitStable("basic-example");
        world.patchFlinkDeployment("basic-standalone-example", "{\"spec\":{\"taskManager\":{\"replicas\":3}}}");
        // without the reactive scheduler the change is an upgrade, which replaces the TaskManager Deployment
        await("the rescale after the restart", () -> taskManagerReplicas("basic-standalone-example-taskmanager") == 3,
                () -> world.deployment("basic-standalone-example-taskmanager"));
    }

    @Test
    void a_job_manager_deployment_deleted_by_someone_is_noticed_through_the_watch_and_deployed_again(KubeNamespace namespace) throws IOException {
        // a stable resource is looked at again only after an hour here: only the watch of the clusters' Deployments can notice in time
        operator.close();
        Map<String, String> settings = new java.util.LinkedHashMap<>(InProcessOperator.testSettings(namespace.name()));
        settings.put(org.flinkop.domain.config.FlinkOptions.RECONCILE_INTERVAL, "1 h");
        operator = InProcessOperator.start(namespace.controlPlane(), settings, KubeWorld.itDir().resolve("logs").resolve(namespace.name() + "-hourly.log"));
        world.applyExample("basic.yaml");
        awaitStable("basic-example");
        String firstUid = world.deployment("basic-example").getMetadata().getUid();

        world.kubectl("delete", "deployment", "basic-example", "--wait=false");

        await("the JobManager Deployment deployed again", () -> world.deployment("basic-example") != null
                && !firstUid.equals(world.deployment("basic-example").getMetadata().getUid()), () -> status(world.flinkDeployment("basic-example")));
        awaitStable("basic-example");
    }

    @Test
    void a_config_map_service_or_task_manager_deployment_deleted_by_someone_is_made_again_through_the_watch_while_the_job_runs_on(KubeNamespace namespace)
            throws IOException {
        // a stable resource is looked at again only after an hour here: only the watch of the clusters' objects can notice in time
        operator.close();
        Map<String, String> settings = new java.util.LinkedHashMap<>(InProcessOperator.testSettings(namespace.name()));
        settings.put(org.flinkop.domain.config.FlinkOptions.RECONCILE_INTERVAL, "1 h");
        operator = InProcessOperator.start(namespace.controlPlane(), settings, KubeWorld.itDir().resolve("logs").resolve(namespace.name() + "-parts.log"));
        world.applyExample("standalone.yaml");
        String name = "basic-standalone-example";
        awaitStable(name);
        String jobManagerUid = world.deployment(name).getMetadata().getUid();
        String job = (String) status(world.flinkDeployment(name), "jobStatus", "jobId");

        for (String[] part : new String[][] {{"configmap", "flink-config-" + name}, {"service", name + "-rest"}, {"deployment", name + "-taskmanager"}}) {
            String uid = world.kubectl("get", part[0], part[1], "-o", "jsonpath={.metadata.uid}");
            world.kubectl("delete", part[0], part[1], "--wait=false");
            await(part[0] + " " + part[1] + " made again", () -> {
                String now = world.kubectl("get", part[0], part[1], "--ignore-not-found", "-o", "jsonpath={.metadata.uid}").strip();
                return !now.isEmpty() && !now.equals(uid);
            }, () -> status(world.flinkDeployment(name)));
        }

        assertThat(world.deployment(name).getMetadata().getUid()).as("the JobManager Deployment stays").isEqualTo(jobManagerUid);
        assertThat(status(world.flinkDeployment(name), "jobStatus", "jobId")).as("the job runs on").isEqualTo(job);
        assertThat(status(world.flinkDeployment(name), "lifecycleState")).isEqualTo("STABLE");
        await("the restorations reported as events", () -> world.events().stream().filter(e -> "ClusterObjectsRestored".equals(e.getReason()))
                .map(Event::getMessage).toList().toString().contains("Deployment " + name + "-taskmanager"), () -> world.events().stream().map(Event::getReason).toList());
        assertThat(world.events().stream().filter(e -> "ClusterObjectsRestored".equals(e.getReason())).map(Event::getMessage).toList().toString())
                .contains("ConfigMap flink-config-" + name, "Service " + name + "-rest");
    }

    @Test
    void a_status_another_writer_wiped_is_rebuilt_from_the_running_cluster_whose_job_runs_on() {
        world.applyExample("basic.yaml");
        String name = "basic-example";
        awaitStable(name);
        String jobManagerUid = world.deployment(name).getMetadata().getUid();
        String job = (String) status(world.flinkDeployment(name), "jobStatus", "jobId");

        wipeStatus(name);

        await("the status rebuilt", () -> world.events().stream().anyMatch(e -> "StatusRebuilt".equals(e.getReason())),
                () -> status(world.flinkDeployment(name)));
        awaitStable(name);
        assertThat(status(world.flinkDeployment(name), "jobStatus", "jobId")).as("the same job runs on").isEqualTo(job);
        assertThat(world.deployment(name).getMetadata().getUid()).as("the JobManager Deployment stays").isEqualTo(jobManagerUid);
        assertThat(world.events().stream().filter(e -> "StatusRebuilt".equals(e.getReason())).map(Event::getMessage).toList())
                .singleElement().asString().contains(job, "not deployed again");
        assertThat(world.events().stream().filter(e -> "Deploying".equals(e.getReason()))).as("deployed once, at the start").hasSize(1);
    }

    @Test
    void the_endpoints_report_liveness_readiness_and_metrics_in_the_prometheus_text_format() {
        world.applyExample("basic.yaml");
        awaitStable("basic-example");

        assertThat(operator.get("/healthz").statusCode()).isEqualTo(200);
        assertThat(operator.get("/readyz").statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = operator.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        String body = metrics.body();
        assertThat(body).containsPattern("flinkop_reconcile_passes_total\\{kind=\"FlinkDeployment\"\\} [1-9][0-9]*\n")
                .containsPattern("flinkop_reconcile_duration_seconds_count\\{kind=\"FlinkDeployment\"\\} [1-9][0-9]*\n")
                .contains("flinkop_reconcile_duration_seconds_bucket{kind=\"FlinkDeployment\",le=\"+Inf\"}")
                .contains("flinkop_resources{kind=\"FlinkDeployment\",state=\"STABLE\"} 1\n")
                .contains("flinkop_events_total{kind=\"FlinkDeployment\",reason=\"RUNNING\",type=\"NORMAL\"} 1\n".replace(
                        "reason=\"RUNNING\",type=\"NORMAL\"", "type=\"NORMAL\",reason=\"RUNNING\""))
                .containsPattern("flinkop_queue_depth [0-9]+\n")
                .contains("flinkop_ready 1\n");
        for (String line : body.split("\n")) {
            if (!line.startsWith("#")) {
                assertThat(line).as("a sample line").matches(SAMPLE);
            }
        }
        assertThat(operator.get("/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void a_secret_in_the_flink_configuration_never_appears_in_logs_or_events() throws IOException {
        String secret = "Sup3rS3cr3tValue";
        String accessKey = "AKIAEXAMPLEKEY123";
        String yaml = Files.readString(KubeWorld.examples().resolve("basic.yaml")).replace("    taskmanager.numberOfTaskSlots: \"2\"",
                "    taskmanager.numberOfTaskSlots: \"2\"\n    s3.secret-key: " + secret + "\n    s3.access-key: " + accessKey);
        world.applyYaml("with-secrets", yaml);
        awaitStable("basic-example");
        ResourceKey key = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, world.namespace(), "basic-example");
        String job = (String) status(world.flinkDeployment("basic-example"), "jobStatus", "jobId");

        // Flink reports a failure whose text carries the credentials, as some file system errors do
        operator.flink().failJob(key, job, "java.nio.file.AccessDeniedException: s3a://bucket/ with " + accessKey + ":" + secret + " refused");
        world.kubectl("annotate", "flinkdeployment", "basic-example", "example.com/look-again=now");

        await("the job failure reported as an event", () -> world.events().stream().anyMatch(e -> "JobFailed".equals(e.getReason())),
                () -> world.events().stream().map(Event::getReason).toList());
        List<String> messages = world.events().stream().map(Event::getMessage).toList();
        assertThat(messages).allSatisfy(message -> assertThat(message).doesNotContain(secret, accessKey));
        assertThat(messages).anySatisfy(message -> assertThat(message).contains("AccessDeniedException").contains("******"));
        assertThat(operator.logText()).contains("JOB_FAILED").doesNotContain(secret).doesNotContain(accessKey);
    }

    /** Replaces the status of {@code name} with an empty one, read again when the operator wrote it meanwhile. */
    private void wipeStatus(String name) {
        for (int attempt = 1; ; attempt++) {
            GenericKubernetesResource wiped = world.flinkDeployment(name);
            wiped.setAdditionalProperty("status", Map.of());
            try {
                world.client().genericKubernetesResources(KubeWorld.FLINK_DEPLOYMENTS).inNamespace(world.namespace()).resource(wiped).updateStatus();
                return;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private void awaitStable(String name) {
        await(name + " STABLE with a running job", () -> {
            GenericKubernetesResource r = world.flinkDeployment(name);
            return "STABLE".equals(status(r, "lifecycleState")) && "RUNNING".equals(status(r, "jobStatus", "state"));
        }, () -> status(world.flinkDeployment(name)));
    }

    private int taskManagerReplicas(String deployment) {
        var found = world.deployment(deployment);
        return found == null || found.getSpec().getReplicas() == null ? -1 : found.getSpec().getReplicas();
    }
}
