package org.flinkop.domain.binding;

import java.util.Map;
import java.util.regex.Pattern;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.FlinkVersion;
import org.flinkop.domain.resource.IngressSpec;
import org.flinkop.domain.resource.IngressTls;
import org.flinkop.domain.resource.JobManagerSpec;
import org.flinkop.domain.resource.KubernetesDeploymentMode;
import org.flinkop.domain.resource.Resource;
import org.flinkop.domain.resource.TaskManagerSpec;
import org.flinkop.domain.validation.Reason;

/** The FlinkDeployment spec and its parts. */
final class DeploymentSpecBinding {

    private static final Pattern MILLICORES = Pattern.compile("(\\d+)m");

    private DeploymentSpecBinding() {
    }

    static FlinkDeploymentSpec decode(ObjectReader r) {
        return new FlinkDeploymentSpec(
                r.object("job", JobSpecBinding::decodeJob),
                r.longValue("restartNonce"),
                r.configurationMap("flinkConfiguration"),
                r.string("image"),
                r.string("imagePullPolicy"),
                r.string("serviceAccount"),
                r.spelled("flinkVersion", FlinkVersion.class),
                r.object("ingress", DeploymentSpecBinding::decodeIngress),
                r.freeObject("podTemplate"),
                r.object("jobManager", DeploymentSpecBinding::decodeJobManager),
                r.object("taskManager", DeploymentSpecBinding::decodeTaskManager),
                r.configurationMap("logConfiguration"),
                r.spelled("mode", KubernetesDeploymentMode.class));
    }

    static Map<String, Object> encode(FlinkDeploymentSpec spec) {
        return new ObjectWriter()
                .put("job", spec.job(), JobSpecBinding::encodeJob)
                .put("restartNonce", spec.restartNonce())
                .put("flinkConfiguration", spec.flinkConfiguration())
                .put("image", spec.image())
                .put("imagePullPolicy", spec.imagePullPolicy())
                .put("serviceAccount", spec.serviceAccount())
                .put("flinkVersion", spec.flinkVersion())
                .put("ingress", spec.ingress(), DeploymentSpecBinding::encodeIngress)
                .put("podTemplate", spec.podTemplate())
                .put("jobManager", spec.jobManager(), DeploymentSpecBinding::encodeJobManager)
                .put("taskManager", spec.taskManager(), DeploymentSpecBinding::encodeTaskManager)
                .put("logConfiguration", spec.logConfiguration())
                .put("mode", spec.mode())
                .build();
    }

    private static JobManagerSpec decodeJobManager(ObjectReader r) {
        return new JobManagerSpec(r.object("resource", DeploymentSpecBinding::decodeResource), r.integer("replicas"), r.freeObject("podTemplate"));
    }

    private static Map<String, Object> encodeJobManager(JobManagerSpec jm) {
        return new ObjectWriter()
                .put("resource", jm.resource(), DeploymentSpecBinding::encodeResource)
                .put("replicas", jm.replicas())
                .put("podTemplate", jm.podTemplate())
                .build();
    }

    private static TaskManagerSpec decodeTaskManager(ObjectReader r) {
        return new TaskManagerSpec(r.object("resource", DeploymentSpecBinding::decodeResource), r.integer("replicas"), r.freeObject("podTemplate"));
    }

    private static Map<String, Object> encodeTaskManager(TaskManagerSpec tm) {
        return new ObjectWriter()
                .put("resource", tm.resource(), DeploymentSpecBinding::encodeResource)
                .put("replicas", tm.replicas())
                .put("podTemplate", tm.podTemplate())
                .build();
    }

    private static Resource decodeResource(ObjectReader r) {
        return new Resource(cpu(r), r.string("memory"), r.string("ephemeralStorage"));
    }

    /** cpu is a number of cores; a Kubernetes quantity string such as {@code 500m} is refused with its number. */
    private static Double cpu(ObjectReader r) {
        if (r.raw("cpu") instanceof String text) {
            var millicores = MILLICORES.matcher(text.trim());
            String hint = millicores.matches()
                    ? "; write " + Double.parseDouble(millicores.group(1)) / 1000 + " for " + text
                    : "";
            r.problems().add(r.at("cpu"), Reason.INVALID_CPU, "'" + text + "' is a string; cpu is a number of cores" + hint,
                    "a positive number such as 0.5, 1 or 2");
            return null;
        }
        return r.number("cpu");
    }

    private static Map<String, Object> encodeResource(Resource resource) {
        return new ObjectWriter()
                .put("cpu", wholeIfIntegral(resource.cpu()))
                .put("memory", resource.memory())
                .put("ephemeralStorage", resource.ephemeralStorage())
                .build();
    }

    /** {@code cpu: 1} reads back as written, not as {@code 1.0}. */
    private static Number wholeIfIntegral(Double value) {
        if (value == null) {
            return null;
        }
        return value == Math.rint(value) && Math.abs(value) < Long.MAX_VALUE ? (Number) value.longValue() : value;
    }

    private static IngressSpec decodeIngress(ObjectReader r) {
        return new IngressSpec(
                r.string("template"),
                r.string("className"),
                r.stringMap("annotations"),
                r.stringMap("labels"),
                r.objects("tls", t -> new IngressTls(t.stringList("hosts"), t.string("secretName"))));
    }

    private static Map<String, Object> encodeIngress(IngressSpec ingress) {
        return new ObjectWriter()
                .put("template", ingress.template())
                .put("className", ingress.className())
                .put("annotations", ingress.annotations())
                .put("labels", ingress.labels())
                .putAll("tls", ingress.tls(), t -> new ObjectWriter().put("hosts", t.hosts()).put("secretName", t.secretName()).build())
                .build();
    }
}
