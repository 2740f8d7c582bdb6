package org.flinkop.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flinkop.runtime.operator.KubeWorld.await;
import static org.flinkop.runtime.operator.KubeWorld.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.testkit.kube.KubeNamespace;
import org.flinkop.testkit.kube.WithKubeApiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The examples as users apply them, unchanged, with kubectl: the CRD schemas accept every one and refuse
 * misspellings; the operator runs session clusters with their session jobs, and snapshots of an application.
 * Flink is the testkit's fake behind the real Kubernetes deployer (see {@link FakeFlinkAwareDeployer}).
 */
@WithKubeApiServer
class ExamplesIT {

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
    void every_example_is_accepted_by_the_crd_schemas_as_written() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(KubeWorld.examples())) {
            examples = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(14);
        for (Path example : examples) {
            // two examples name the namespace default themselves, as the custom resource overview writes them
            boolean ownNamespace = Files.readString(example).contains("namespace:");
            String applied = ownNamespace ? world.plane().kubectl("apply", "-f", example.toString()) : world.kubectl("apply", "-f", example.toString());
            assertThat(applied).as("kubectl apply -f %s", example.getFileName()).containsPattern("(created|configured|unchanged)");
            if (ownNamespace) {
                world.plane().kubectl("delete", "-f", example.toString());
            }
        }
        String listed = world.kubectl("get", "flinkdep,sessionjob,flinksnp", "-o", "name");
        assertThat(listed).contains("flinkdeployment.flink.apache.org/basic-example", "flinkdeployment.flink.apache.org/advanced-ingress",
                "flinksessionjob.flink.apache.org/basic-session-job-example", "flinkstatesnapshot.flink.apache.org/example-savepoint");
    }

    @Test
    void a_misspelled_field_is_refused_by_kubectl_and_a_misspelled_value_or_type_by_the_api_server() throws IOException {
        String basic = Files.readString(KubeWorld.examples().resolve("basic.yaml"));

        assertThatThrownBy(() -> world.applyYaml("misspelled-field", basic.replace("parallelism: 2", "paralelism: 2")))
                .hasMessageContaining("unknown field \"paralelism\"");
        assertThatThrownBy(() -> world.kubectl("apply", "--validate=false", "-f", file("misspelled-value", basic.replace("upgradeMode: stateless",
                "upgradeMode: statelss"))))
                .hasMessageContaining("spec.job.upgradeMode").hasMessageContaining("statelss");
        assertThatThrownBy(() -> world.kubectl("apply", "--validate=false", "-f", file("wrong-type", basic.replace("parallelism: 2", "parallelism: two"))))
                .hasMessageContaining("spec.job.parallelism").hasMessageContaining("integer");
        assertThat(world.flinkDeployment("basic-example")).as("nothing was stored").isNull();
    }

    @Test
    void a_session_cluster_runs_its_session_jobs_and_goes_once_they_are_deleted() {
        world.applyExample("basic-session-deployment.yaml");
        world.applyExample("basic-session-job.yaml");
        world.applyExample("basic-session-job-last-state.yaml");
        String cluster = "basic-session-deployment-example";
        for (String job : List.of("basic-session-job-example", "basic-session-job-last-state-example")) {
            await(job + " running", () -> "RUNNING".equals(status(world.sessionJob(job), "jobStatus", "state"))
                    && "STABLE".equals(status(world.sessionJob(job), "lifecycleState")), () -> status(world.sessionJob(job)));
        }
        ResourceKey clusterKey = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, world.namespace(), cluster);
        assertThat(operator.flink().runningJobs(clusterKey)).hasSize(2);
        assertThat(world.kubectl("get", "sessionjob")).containsPattern("basic-session-job-example\\s+RUNNING\\s+STABLE");
        assertThat(world.deployment(cluster)).as("the session cluster's JobManager Deployment").isNotNull();

        world.kubectl("delete", "flinksessionjob", "basic-session-job-example", "--wait=false");
        await("the first session job gone and its job cancelled", () -> world.sessionJob("basic-session-job-example") == null
                && operator.flink().runningJobs(clusterKey).size() == 1, () -> operator.flink().runningJobs(clusterKey));
        assertThat(world.deployment(cluster)).as("the cluster stays for the other job").isNotNull();

        world.kubectl("delete", "flinksessionjob", "basic-session-job-last-state-example", "--wait=false");
        world.kubectl("delete", "flinkdeployment", cluster, "--wait=false");
        await("the session cluster and its objects gone", () -> world.flinkDeployment(cluster) == null
                && world.clusterObjects(Map.of("app", cluster)).isEmpty(), () -> world.clusterObjectNames(Map.of("app", cluster)));
    }

    @Test
    void snapshots_of_an_application_complete_and_a_disposable_savepoint_is_disposed_with_its_resource() {
        world.applyExample("basic-checkpoint-ha.yaml");
        await("the application running", () -> "RUNNING".equals(status(world.flinkDeployment("basic-checkpoint-ha-example"), "jobStatus", "state")),
                () -> status(world.flinkDeployment("basic-checkpoint-ha-example")));
        world.applyExample("savepoint-snapshot.yaml");
        world.applyExample("checkpoint-snapshot.yaml");
        for (String snapshot : List.of("example-savepoint", "example-checkpoint")) {
            await(snapshot + " completed", () -> "COMPLETED".equals(status(world.snapshot(snapshot), "state")), () -> status(world.snapshot(snapshot)));
            assertThat((String) status(world.snapshot(snapshot), "path")).isNotBlank();
        }
        String savepoint = (String) status(world.snapshot("example-savepoint"), "path");
        assertThat(world.kubectl("get", "flinksnp")).containsPattern("example-savepoint\\s+\\S+\\s+\\S+\\s+COMPLETED");

        world.kubectl("delete", "flinkstatesnapshot", "example-savepoint", "--wait=false");
        await("the savepoint snapshot gone and its files disposed of", () -> world.snapshot("example-savepoint") == null
                && operator.flink().disposedSavepoints().contains(savepoint), () -> operator.flink().disposedSavepoints());
    }

    private String file(String name, String yaml) throws IOException {
        Path file = KubeWorld.itDir().resolve("manifests").resolve(world.namespace() + "-" + name + ".yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return file.toString();
    }
}
