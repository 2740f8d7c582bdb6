package org.flinkop.adapters.kubernetes.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.adapters.kubernetes.deploy.Fixtures.generate;
import static org.flinkop.adapters.kubernetes.deploy.Fixtures.request;

import java.util.List;
import java.util.stream.Stream;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.IngressSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Ingress of {@code examples/ingress.yaml} and its templates. */
class IngressModelTest {

    @Test
    void the_example_ingress_routes_its_templated_path_to_the_rest_service_with_tls() {
        var ingress = generate(request("ingress.yaml")).ingress().get();

        assertThat(ingress.getMetadata().getName()).isEqualTo("advanced-ingress");
        assertThat(ingress.getMetadata().getAnnotations()).containsEntry("nginx.ingress.kubernetes.io/rewrite-target", "/$2");
        assertThat(ingress.getMetadata().getLabels()).containsEntry("exposed-by", "flink-operator").containsEntry("app", "advanced-ingress")
                .containsEntry("app.kubernetes.io/managed-by", "flinkop");
        assertThat(ingress.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(o.getUid()).isEqualTo(Fixtures.UID));
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        var rule = ingress.getSpec().getRules().get(0);
        assertThat(rule.getHost()).isEqualTo("flink.k8s.io");
        var path = rule.getHttp().getPaths().get(0);
        assertThat(path.getPath()).isEqualTo("/" + Fixtures.NAMESPACE + "/advanced-ingress(/|$)(.*)");
        assertThat(path.getPathType()).isEqualTo("ImplementationSpecific");
        assertThat(path.getBackend().getService().getName()).isEqualTo("advanced-ingress-rest");
        assertThat(path.getBackend().getService().getPort().getNumber()).isEqualTo(8081);
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> {
            assertThat(tls.getHosts()).containsExactly("flink.k8s.io");
            assertThat(tls.getSecretName()).isEqualTo("flink-web-tls");
        });
    }

    static Stream<Arguments> templates() {
        return Stream.of(
                Arguments.of("{{name}}.{{namespace}}.flink.example.com", "advanced-ingress." + Fixtures.NAMESPACE + ".flink.example.com", "/"),
                Arguments.of("/{{namespace}}/{{name}}", null, "/" + Fixtures.NAMESPACE + "/advanced-ingress"),
                Arguments.of("https://ui.example.com/flink/{{name}}", "ui.example.com", "/flink/advanced-ingress"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void a_template_gives_a_host_up_to_the_first_slash_and_a_path_after_it(String template, String host, String path) {
        var request = Fixtures.withSpec(request("ingress.yaml"), s -> withIngress(s, new IngressSpec(template, null, null, null, List.of())));

        var rule = generate(request).ingress().get().getSpec().getRules().get(0);

        assertThat(rule.getHost()).isEqualTo(host);
        assertThat(rule.getHttp().getPaths().get(0).getPath()).isEqualTo(path);
    }

    @Test
    void without_an_ingress_in_the_spec_there_is_none() {
        assertThat(generate(request("basic.yaml")).ingress()).isEmpty();
        assertThat(generate(request("basic.yaml")).objects()).noneMatch(o -> o.getKind().equals("Ingress"));
    }

    private static FlinkDeploymentSpec withIngress(FlinkDeploymentSpec s, IngressSpec ingress) {
        return new FlinkDeploymentSpec(s.job(), s.restartNonce(), s.flinkConfiguration(), s.image(), s.imagePullPolicy(), s.serviceAccount(),
                s.flinkVersion(), ingress, s.podTemplate(), s.jobManager(), s.taskManager(), s.logConfiguration(), s.mode());
    }
}
