package org.flinkop.adapters.kubernetes.crd;

import com.fasterxml.jackson.annotation.JsonValue;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourceScale;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.model.jackson.Jackson2JdkTypesModule;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flinkop.domain.resource.Spelled;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generates the CustomResourceDefinitions from the resource model, at build time:
 * {@code CrdGenerator OUTPUT_DIR} writes one {@code <plural>.flink.apache.org-v1.yml} per kind.
 *
 * <p>The domain's records carry no annotations; what the schema needs beyond their shape is said here: enums
 * are written with the spellings users type ({@code last-state}), and FlinkDeployment scales on
 * {@code spec.taskManager.replicas}.
 */
public final class CrdGenerator {

    private CrdGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CrdGenerator OUTPUT_DIR");
            System.exit(2);
        }
        generate(Path.of(args[0]));
    }

    public static void generate(Path outputDir) throws IOException {
        Files.createDirectories(outputDir);
        new CRDGenerator()
                .withObjectMapper(schemaMapper(), new KubernetesSerialization())
                .withPostProcessor(new ScaleOnTaskManagers())
                .inOutputDir(outputDir.toFile())
                .forCRDVersions("v1")
                .customResourceClasses(FlinkDeploymentResource.class, FlinkSessionJobResource.class, FlinkStateSnapshotResource.class)
                .detailedGenerate()
                .getCRDDetailsPerNameAndVersion()
                .forEach((name, versions) -> versions.values().forEach(info ->
                        System.out.println("generated " + new File(info.getFilePath()).getName())));
    }

    private static JsonMapper schemaMapper() {
        return JsonMapper.builderWithJackson2Defaults()
                .addModule(new Jackson2JdkTypesModule())
                .addMixIn(Spelled.class, SpelledAsJsonValue.class)
                .build();
    }

    /** Makes Jackson, and so the schema's {@code enum:} lists, use {@link Spelled#spelling()}. */
    private interface SpelledAsJsonValue {
        @JsonValue
        String spelling();
    }

    /** The scale subresource of FlinkDeployment, which {@code kubectl scale} and autoscalers drive. */
    private static final class ScaleOnTaskManagers implements CRDPostProcessor {
        @Override
        public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
            if (crd instanceof CustomResourceDefinition definition
                    && definition.getSpec().getNames().getKind().equals("FlinkDeployment")) {
                definition.getSpec().getVersions().forEach(version -> version.getSubresources().setScale(new CustomResourceSubresourceScale(
                        ".status.taskManager.labelSelector", ".spec.taskManager.replicas", ".status.taskManager.replicas")));
            }
            return crd;
        }
    }
}
