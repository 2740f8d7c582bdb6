package org.flinkop.domain.resource;

import java.util.List;
import java.util.Map;

/** An Ingress to the JobManager's REST service; {@code template} may use {@code {{name}}} and {@code {{namespace}}}. */
public record IngressSpec(
        String template,
        String className,
        Map<String, String> annotations,
        Map<String, String> labels,
        List<IngressTls> tls) {

    public IngressSpec {
        annotations = Collections2.mapOrNull(annotations);
        labels = Collections2.mapOrNull(labels);
        tls = Collections2.listOrNull(tls);
    }
}
