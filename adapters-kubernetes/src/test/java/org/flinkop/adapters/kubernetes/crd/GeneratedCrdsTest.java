package org.flinkop.adapters.kubernetes.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CRDs are generated from the model during the build (into {@code target/crds}); the committed copies under
 * {@code deploy/crds} are what users install. This test fails when the two differ, and checks the generated
 * definitions carry what kubectl users rely on.
 */
class GeneratedCrdsTest {

    private static final Path GENERATED = Path.of(System.getProperty("crds.generated", "target/crds"));
    private static final Path COMMITTED = Path.of(System.getProperty("crds.committed", "../deploy/crds"));
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    @Test
    void the_committed_crds_are_the_generated_ones() throws IOException {
        List<String> generated = names(GENERATED);
        assertThat(generated).containsExactly(
                "flinkdeployments.flink.apache.org-v1.yml", "flinksessionjobs.flink.apache.org-v1.yml", "flinkstatesnapshots.flink.apache.org-v1.yml");
        assertThat(names(COMMITTED)).as("files in deploy/crds; run scripts/update-crds.sh").isEqualTo(generated);
        for (String name : generated) {
            assertThat(Files.readString(COMMITTED.resolve(name)))
                    .as("deploy/crds/%s differs from the model; run scripts/update-crds.sh and commit the result", name)
                    .isEqualTo(Files.readString(GENERATED.resolve(name)));
        }
    }

    @Test
    void flink_deployment_has_short_name_columns_status_and_scale() throws IOException {
        CustomResourceDefinition crd = load("flinkdeployments.flink.apache.org-v1.yml");
        CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);

        assertThat(crd.getSpec().getGroup()).isEqualTo("flink.apache.org");
        assertThat(version.getName()).isEqualTo("v1beta1");
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("flinkdep");
        assertThat(version.getAdditionalPrinterColumns()).extracting(c -> c.getName() + "=" + c.getJsonPath())
                .containsExactly("Job Status=.status.jobStatus.state", "Lifecycle State=.status.lifecycleState");
        assertThat(version.getSubresources().getStatus()).isNotNull();
        assertThat(version.getSubresources().getScale().getSpecReplicasPath()).isEqualTo(".spec.taskManager.replicas");
        assertThat(version.getSubresources().getScale().getStatusReplicasPath()).isEqualTo(".status.taskManager.replicas");
        assertThat(version.getSubresources().getScale().getLabelSelectorPath()).isEqualTo(".status.taskManager.labelSelector");
    }

    @Test
    void enums_use_the_spellings_users_write() throws IOException {
        JSONSchemaProps spec = specSchema(load("flinkdeployments.flink.apache.org-v1.yml"));

        assertThat(spec.getProperties().get("job").getProperties().get("upgradeMode").getEnum()).extracting(YAML::asJson)
                .containsExactly("\"last-state\"", "\"savepoint\"", "\"stateless\"");
        assertThat(spec.getProperties().get("mode").getEnum()).extracting(YAML::asJson).containsExactly("\"native\"", "\"standalone\"");
        assertThat(spec.getProperties().get("flinkVersion").getEnum()).extracting(YAML::asJson).contains("\"v1_20\"", "\"v2_3\"");
    }

    @Test
    void pod_templates_have_the_pod_schema_and_configuration_takes_any_value() throws IOException {
        JSONSchemaProps spec = specSchema(load("flinkdeployments.flink.apache.org-v1.yml"));

        for (JSONSchemaProps owner : List.of(spec, spec.getProperties().get("jobManager"), spec.getProperties().get("taskManager"))) {
            assertThat(owner.getProperties().get("podTemplate").getProperties()).containsKeys("apiVersion", "kind", "metadata", "spec");
        }
        assertThat(spec.getProperties().get("flinkConfiguration").getXKubernetesPreserveUnknownFields()).isTrue();
    }

    @Test
    void session_jobs_and_snapshots_have_their_short_names_and_columns() throws IOException {
        CustomResourceDefinition sessionJobs = load("flinksessionjobs.flink.apache.org-v1.yml");
        CustomResourceDefinition snapshots = load("flinkstatesnapshots.flink.apache.org-v1.yml");

        assertThat(sessionJobs.getSpec().getNames().getShortNames()).containsExactly("sessionjob");
        assertThat(snapshots.getSpec().getNames().getShortNames()).containsExactly("flinksnp");
        assertThat(snapshots.getSpec().getVersions().get(0).getAdditionalPrinterColumns()).extracting(c -> c.getName())
                .contains("Snapshot State", "Path");
    }

    private static CustomResourceDefinition load(String name) throws IOException {
        return YAML.unmarshal(Files.readString(GENERATED.resolve(name)), CustomResourceDefinition.class);
    }

    private static JSONSchemaProps specSchema(CustomResourceDefinition crd) {
        return crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml")).sorted().toList();
        }
    }
}
