package org.flinkop.domain.resource;

import java.util.Map;

/** The JobManager of a cluster: its resources, how many (more than one needs high availability), and its pod template. */
public record JobManagerSpec(
        Resource resource,
        Integer replicas,
        Map<String, Object> podTemplate) {

    public JobManagerSpec {
        podTemplate = Collections2.tree(podTemplate);
    }

    /** Replicas as Kubernetes will run them: one unless set. */
    public int effectiveReplicas() {
        return replicas == null ? 1 : replicas;
    }
}
