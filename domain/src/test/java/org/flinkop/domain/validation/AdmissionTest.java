package org.flinkop.domain.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.domain.Docs.remove;
import static org.flinkop.domain.Docs.set;
import static org.flinkop.domain.Docs.tree;

import io.vavr.collection.List;
import java.util.Map;
import org.flinkop.domain.Docs;
import org.flinkop.domain.admission.Admission;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.FlinkSessionJobSpec;
import org.flinkop.domain.resource.FlinkSessionJobStatus;
import org.flinkop.domain.resource.ReconciliationState;
import org.flinkop.domain.resource.ReconciliationStatus;
import org.flinkop.domain.binding.ResourceBinding;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    @Test
    void every_violation_is_reported_at_once() {
        Map<String, Object> doc = Docs.application();
        set(doc, "spec.job.paralelism", 2);
        set(doc, "spec.job.upgradeMode", "lastState");
        set(doc, "spec.taskManager.resource.memory", "2 parsecs");
        remove(doc, "spec.flinkVersion");
        set(doc, "metadata.name", "Orders");

        List<Violation> violations = Admission.admit(doc, ValidationContext.firstSight()).getLeft();

        assertThat(violations.map(v -> v.path() + " " + v.reason()).toJavaList()).containsExactlyInAnyOrder(
                "spec.job.paralelism UNKNOWN_FIELD",
                "spec.job.upgradeMode UNKNOWN_ENUM_VALUE",
                "spec.taskManager.resource.memory INVALID_MEMORY",
                "spec.flinkVersion MISSING_FIELD",
                "metadata.name INVALID_NAME");
    }

    @Test
    void a_misspelled_field_names_the_field_it_was_meant_to_be() {
        Map<String, Object> doc = set(remove(Docs.application(), "spec.job.parallelism"), "spec.job.paralelism", 2);

        Violation violation = Admission.admit(doc, ValidationContext.firstSight()).getLeft().single();

        assertThat(violation.describe()).isEqualTo("spec.job.paralelism: unknown field; did you mean 'parallelism'? "
                + "(allowed: jarURI, parallelism, entryClass, args, state, savepointTriggerNonce, initialSavepointPath, checkpointTriggerNonce, "
                + "upgradeMode, allowNonRestoredState, savepointRedeployNonce, autoscalerResetNonce) [UNKNOWN_FIELD]");
    }

    @Test
    void a_misspelled_enum_value_lists_the_spellings_and_suggests_one() {
        Map<String, Object> doc = set(Docs.application(), "spec.job.upgradeMode", "last_state");

        Violation violation = Admission.admit(doc, ValidationContext.firstSight()).getLeft().single();

        assertThat(violation.problem()).isEqualTo("'last_state' is not allowed; did you mean 'last-state'?");
        assertThat(violation.allowed()).isEqualTo("stateless, savepoint, last-state");
    }

    @Test
    void a_field_that_failed_to_read_is_reported_once_for_its_real_problem() {
        Map<String, Object> doc = set(Docs.application(), "spec.flinkVersion", "1.20");

        List<Violation> violations = Admission.admit(doc, ValidationContext.firstSight()).getLeft();

        assertThat(violations.map(Violation::reason).toJavaList()).containsExactly(Reason.UNKNOWN_ENUM_VALUE);
    }

    @Test
    void garbage_documents_are_refused_with_violations_not_exceptions() {
        for (Object garbage : new Object[] {null, "text", 42, java.util.List.of(1, 2), tree(), tree("kind", java.util.List.of()), tree("spec", "x", "kind", "FlinkDeployment")}) {
            assertThat(Admission.admit(garbage, ValidationContext.firstSight()).getLeft()).as("%s", garbage).isNotEmpty();
        }
    }

    @Test
    void an_application_cluster_cannot_become_a_session_cluster() {
        FlinkDeployment live = deployedAs(Docs.application());

        List<Violation> violations = Admission.admit(remove(Docs.application(), "spec.job"), ValidationContext.firstSight().withLive(live)).getLeft();

        assertThat(violations.map(v -> v.path() + " " + v.reason()).toJavaList()).containsExactly("spec CLUSTER_TYPE_CHANGED");
    }

    @Test
    void a_session_cluster_cannot_become_an_application_cluster() {
        FlinkDeployment live = deployedAs(Docs.session());
        Map<String, Object> withJob = set(Docs.session(), "spec.job", Docs.application().get("spec") instanceof Map<?, ?> s ? s.get("job") : null);

        List<Violation> violations = Admission.admit(withJob, ValidationContext.firstSight().withLive(live)).getLeft();

        assertThat(violations.map(v -> v.path() + " " + v.reason()).toJavaList()).containsExactly("spec.job CLUSTER_TYPE_CHANGED");
    }

    @Test
    void a_cluster_cannot_switch_between_native_and_standalone() {
        FlinkDeployment live = deployedAs(Docs.application());

        List<Violation> violations = Admission.admit(set(Docs.application(), "spec.mode", "standalone"), ValidationContext.firstSight().withLive(live)).getLeft();

        assertThat(violations.map(v -> v.path() + " " + v.reason()).toJavaList()).containsExactly("spec.mode DEPLOYMENT_MODE_CHANGED");
    }

    @Test
    void a_mode_change_is_allowed_before_anything_was_deployed() {
        FlinkDeployment neverReconciled = (FlinkDeployment) ResourceBinding.decode(Docs.application()).resource().get();

        assertThat(Admission.admit(set(Docs.application(), "spec.mode", "standalone"), ValidationContext.firstSight().withLive(neverReconciled)).isRight()).isTrue();
    }

    @Test
    void a_changed_savepoint_redeploy_nonce_needs_an_initial_savepoint_path() {
        FlinkDeployment live = deployedAs(Docs.application());
        Map<String, Object> changed = set(Docs.application(), "spec.job.savepointRedeployNonce", 7);

        List<Violation> violations = Admission.admit(changed, ValidationContext.firstSight().withLive(live)).getLeft();
        assertThat(violations.map(v -> v.path() + " " + v.reason()).toJavaList()).containsExactly("spec.job.initialSavepointPath REDEPLOY_WITHOUT_SAVEPOINT");

        set(changed, "spec.job.initialSavepointPath", "file:///flink-data/savepoints/savepoint-1");
        assertThat(Admission.admit(changed, ValidationContext.firstSight().withLive(live)).isRight()).isTrue();
    }

    @Test
    void the_same_redeploy_nonce_without_a_path_is_no_change() {
        FlinkDeployment live = deployedAs(set(Docs.application(), "spec.job.savepointRedeployNonce", 7));

        assertThat(Admission.admit(set(Docs.application(), "spec.job.savepointRedeployNonce", 7), ValidationContext.firstSight().withLive(live)).isRight()).isTrue();
    }

    @Test
    void a_session_job_cannot_move_to_another_cluster() {
        FlinkSessionJob live = sessionJobDeployedAs(Docs.sessionJob());

        List<Violation> violations = Admission.admit(set(Docs.sessionJob(), "spec.deploymentName", "other"), ValidationContext.firstSight().withLive(live)).getLeft();

        assertThat(violations.map(v -> v.path() + " " + v.reason()).toJavaList()).containsExactly("spec.deploymentName DEPLOYMENT_NAME_CHANGED");
    }

    @Test
    void a_session_job_finds_its_directories_in_the_session_cluster_configuration() {
        Map<String, Object> lastState = set(Docs.sessionJob(), "spec.job.upgradeMode", "last-state");
        Map<String, String> cluster = Map.of("state.checkpoints.dir", "file:///flink-data/checkpoints");

        List<Violation> withoutDir = Admission.admit(lastState, ValidationContext.firstSight().withSessionClusterConfiguration(Map.of())).getLeft();
        assertThat(withoutDir.map(Violation::reason).toJavaList()).containsExactly(Reason.CHECKPOINT_DIR_MISSING);
        assertThat(Admission.admit(lastState, ValidationContext.firstSight().withSessionClusterConfiguration(cluster)).isRight()).isTrue();
        assertThat(Admission.admit(set(lastState, "spec.flinkConfiguration", tree("execution.checkpointing.dir", "file:///c")),
                ValidationContext.firstSight().withSessionClusterConfiguration(Map.of())).isRight()).isTrue();
    }

    @Test
    void plain_http_jars_are_accepted_only_when_the_operator_allows_them() {
        Map<String, Object> http = set(Docs.sessionJob(), "spec.job.jarURI", "http://repo.example.org/job.jar");

        assertThat(Admission.admit(http, ValidationContext.firstSight()).isLeft()).isTrue();
        assertThat(Admission.admit(http, ValidationContext.firstSight().allowingPlainHttpJars()).isRight()).isTrue();
    }

    @Test
    void standby_job_managers_are_accepted_with_high_availability() {
        Map<String, Object> doc = set(Docs.application(), "spec.jobManager.replicas", 2);
        set(doc, "spec.flinkConfiguration[high-availability.type]", "kubernetes");

        assertThat(Admission.admit(doc, ValidationContext.firstSight()).isRight()).isTrue();
    }

    @Test
    void memory_may_come_from_the_flink_configuration_instead_of_the_resource() {
        Map<String, Object> doc = remove(Docs.application(), "spec.taskManager");
        set(doc, "spec.flinkConfiguration[taskmanager.memory.process.size]", "4g");

        assertThat(Admission.admit(doc, ValidationContext.firstSight()).isRight()).isTrue();
    }

    private static FlinkDeployment deployedAs(Map<String, Object> doc) {
        FlinkDeployment resource = (FlinkDeployment) ResourceBinding.decode(doc).resource().get();
        return resource.withStatus(new FlinkDeploymentStatus(null, null, 1L, null, null, null,
                new ReconciliationStatus<FlinkDeploymentSpec>(0L, resource.spec(), resource.spec(), ReconciliationState.DEPLOYED, null), null, null, null));
    }

    private static FlinkSessionJob sessionJobDeployedAs(Map<String, Object> doc) {
        FlinkSessionJob resource = (FlinkSessionJob) ResourceBinding.decode(doc).resource().get();
        return resource.withStatus(new FlinkSessionJobStatus(null, null, 1L, null,
                new ReconciliationStatus<FlinkSessionJobSpec>(0L, resource.spec(), resource.spec(), ReconciliationState.DEPLOYED, null), null));
    }
}
