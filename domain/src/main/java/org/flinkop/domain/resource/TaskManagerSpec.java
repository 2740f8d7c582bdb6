package org.flinkop.domain.resource;

import java.util.Map;

/** The TaskManagers of a cluster; {@code replicas} is a fixed count (standalone mode scales it in place). */
public record TaskManagerSpec(
        Resource resource,
        Integer replicas,
        Map<String, Object> podTemplate) {

    public TaskManagerSpec {
        podTemplate = Collections2.tree(podTemplate);
    }
}
