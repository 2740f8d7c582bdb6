package org.flinkop.ports.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.util.LinkedHashMap;

import java.util.Map;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ReconciliationState;
import org.flinkop.domain.resource.ReconciliationStatus;
import org.flinkop.domain.validation.Reason;
import org.flinkop.domain.validation.Violation;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class AdmissionServiceTest {

    @Test
    void a_session_job_is_checked_against_its_session_clusters_configuration() {
        FlinkResource cluster = decode(session(Map.of("state.checkpoints.dir", "file:///flink-data/checkpoints")));
        AdmissionService withCluster = new AdmissionService(lookupOf(cluster), false);
        AdmissionService withoutDir = new AdmissionService(lookupOf(decode(session(Map.of()))), false);

        assertThat(withCluster.admit(lastStateSessionJob()).isRight()).isTrue();
        assertThat(withoutDir.admit(lastStateSessionJob()).getLeft().map(Violation::reason).toJavaList()).containsExactly(Reason.CHECKPOINT_DIR_MISSING);
    }

    @Test
    void a_deployed_cluster_is_compared_with_the_spec_it_runs() {
        FlinkDeployment live = (FlinkDeployment) decode(session(Map.of()));
        FlinkDeployment deployed = live.withStatus(new FlinkDeploymentStatus(null, null, 1L, null, null, null,
                new ReconciliationStatus<FlinkDeploymentSpec>(0L, live.spec(), live.spec(), ReconciliationState.DEPLOYED, null), null, null, null));
        Map<String, Object> standalone = session(Map.of());
        ((Map<String, Object>) standalone.get("spec")).put("mode", "standalone");

        assertThat(new AdmissionService(lookupOf(deployed), false).admit(standalone).getLeft().map(Violation::reason).toJavaList())
                .containsExactly(Reason.DEPLOYMENT_MODE_CHANGED);
        assertThat(new AdmissionService(ResourceLookup.none(), false).admit(standalone).isRight()).isTrue();
    }

    @Test
    void plain_http_jars_follow_the_operator_setting() {
        Map<String, Object> job = lastStateSessionJob();
        ((Map<String, Object>) ((Map<String, Object>) job.get("spec")).get("job")).put("upgradeMode", "stateless");
        ((Map<String, Object>) ((Map<String, Object>) job.get("spec")).get("job")).put("jarURI", "http://repo.example.org/job.jar");

        assertThat(new AdmissionService(ResourceLookup.none(), false).admit(job).isLeft()).isTrue();
        assertThat(new AdmissionService(ResourceLookup.none(), true).admit(job).isRight()).isTrue();
    }

    private static ResourceLookup lookupOf(FlinkResource stored) {
        return (kind, namespace, name) -> kind == stored.kind() && name.equals(stored.metadata().name())
                && java.util.Objects.equals(namespace, stored.metadata().namespace()) ? Option.of(stored) : Option.none();
    }

    private static FlinkResource decode(Map<String, Object> doc) {
        return ResourceBinding.decode(doc).resource().get();
    }

    private static Map<String, Object> session(Map<String, String> configuration) {
        return map("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkDeployment",
                "metadata", map("name", "session", "namespace", "streaming"),
                "spec", map("flinkVersion", "v1_20", "flinkConfiguration", new LinkedHashMap<>(configuration),
                        "jobManager", map("resource", map("memory", "1g", "cpu", 1)),
                        "taskManager", map("resource", map("memory", "1g", "cpu", 1))));
    }

    private static Map<String, Object> lastStateSessionJob() {
        return map("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkSessionJob",
                "metadata", map("name", "clicks", "namespace", "streaming"),
                "spec", map("deploymentName", "session",
                        "job", map("jarURI", "file:///jobs/clicks.jar", "parallelism", 1, "upgradeMode", "last-state")));
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

}
