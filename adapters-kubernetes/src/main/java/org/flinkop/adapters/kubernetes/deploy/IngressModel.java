package org.flinkop.adapters.kubernetes.deploy;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flinkop.domain.resource.IngressSpec;

/**
 * The Ingress to the JobManager's REST service from {@code spec.ingress}: the template, with {@code {{name}}} and
 * {@code {{namespace}}} replaced, gives the host (up to the first {@code /}) and the path (the rest, or {@code /});
 * a template starting with {@code /} matches any host. Paths are {@code ImplementationSpecific}, so ingress
 * controllers may read them as regular expressions, as the Apache operator's examples do.
 */
final class IngressModel {

    private IngressModel() {
    }

    static Ingress of(ClusterRequest request, FlinkSettings settings) {
        IngressSpec spec = request.spec().ingress();
        String name = request.name();
        Map<String, String> labels = new LinkedHashMap<>(spec.labels() == null ? Map.of() : spec.labels());
        labels.putAll(ClusterLabels.common(name, request.mode()));
        var metadata = ObjectMetaModel.of(request, ClusterNames.ingress(name), labels);
        if (spec.annotations() != null && !spec.annotations().isEmpty()) {
            metadata.setAnnotations(new LinkedHashMap<>(spec.annotations()));
        }
        List<IngressTLS> tls = spec.tls() == null ? List.of() : spec.tls().stream()
                .map(t -> new IngressTLSBuilder().withHosts(t.hosts() == null ? List.of() : t.hosts()).withSecretName(t.secretName()).build())
                .toList();
        return new IngressBuilder()
                .withMetadata(metadata)
                .withNewSpec()
                .withIngressClassName(spec.className())
                .withRules(rule(substitute(spec.template(), request), ClusterNames.restService(name), settings.restPort()))
                .withTls(tls)
                .endSpec()
                .build();
    }

    static String substitute(String template, ClusterRequest request) {
        return template.replace("{{name}}", request.name()).replace("{{namespace}}", request.namespace());
    }

    private static IngressRule rule(String url, String service, int port) {
        String withoutScheme = url.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        int slash = withoutScheme.indexOf('/');
        String host = slash < 0 ? withoutScheme : withoutScheme.substring(0, slash);
        String path = slash < 0 ? "/" : withoutScheme.substring(slash);
        IngressRuleBuilder rule = new IngressRuleBuilder();
        if (!host.isBlank()) {
            rule.withHost(host);
        }
        return rule.withNewHttp()
                .withPaths(new HTTPIngressPathBuilder().withPath(path).withPathType("ImplementationSpecific")
                        .withNewBackend().withNewService().withName(service).withNewPort().withNumber(port).endPort().endService().endBackend()
                        .build())
                .endHttp()
                .build();
    }
}
