package org.flinkop.runtime.embedded.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flinkop.domain.binding.Bound;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.ports.admission.AdmissionService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in {@code examples/} is YAML written for the Apache Flink Kubernetes Operator. Each must be admitted
 * without a violation, and reading it, writing it out and reading that again must give the same resource and the
 * same document: nothing dropped, nothing added, nothing renamed.
 */
class ExamplesRoundTripTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("examples.dir", "../examples"));

    static Stream<Path> examples() {
        return ResourceFiles.files(EXAMPLES).stream();
    }

    @Test
    void there_is_an_example_of_every_shape_the_foundation_promises() {
        assertThat(examples().map(p -> p.getFileName().toString())).contains(
                "basic.yaml", "basic-checkpoint-ha.yaml", "basic-session-deployment.yaml", "basic-session-job.yaml",
                "standalone.yaml", "pod-template.yaml", "ingress.yaml", "savepoint-snapshot.yaml", "checkpoint-snapshot.yaml",
                "overview-application.yaml", "overview-session-job.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void reads_validates_and_writes_back_unchanged(Path example) {
        List<YamlDocument> all = new ArrayList<>();
        examples().forEach(p -> all.addAll(Yaml.read(p).get()));
        AdmissionService admission = new AdmissionService(ResourceFiles.lookupOver(all), false);
        List<YamlDocument> documents = Yaml.read(example).get();
        assertThat(documents).hasSize(1);
        Object original = documents.get(0).tree();

        var admitted = admission.admit(original);
        assertThat(admitted.isRight()).as("violations: %s", admitted.isLeft() ? admitted.getLeft() : "").isTrue();
        FlinkResource resource = admitted.get();

        String written = Yaml.write(ResourceBinding.encode(resource));
        Object reread = Yaml.read(Path.of("written"), written).get().get(0).tree();
        Bound again = ResourceBinding.decode(reread);

        assertThat(again.violations()).isEmpty();
        assertThat(again.resource().get()).isEqualTo(resource);
        assertThat(canonical(reread)).as("written back:\n%s", written).isEqualTo(canonical(original));
    }

    /** Numbers compared by value (1 and 1.0, int and long alike); configuration values as the text Flink reads. */
    private static Object canonical(Object node) {
        return canonical(node, false);
    }

    private static Object canonical(Object node, boolean configurationValue) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, canonical(v,
                    configurationValue || k.equals("flinkConfiguration") || k.equals("logConfiguration"))));
            return copy;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(v -> canonical(v, configurationValue)).toList();
        }
        if (node instanceof Number number) {
            BigDecimal value = number instanceof BigInteger i ? new BigDecimal(i)
                    : number instanceof BigDecimal d ? d : new BigDecimal(number.toString());
            return configurationValue ? value.stripTrailingZeros().toPlainString() : value.stripTrailingZeros();
        }
        return configurationValue && node != null ? node.toString() : node;
    }
}
