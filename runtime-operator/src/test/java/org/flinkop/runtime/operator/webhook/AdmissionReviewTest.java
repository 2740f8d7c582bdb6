package org.flinkop.runtime.operator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flinkop.ports.admission.ResourceLookup;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class AdmissionReviewTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private static final String VALID_SPEC = """
            {"image": "flink:1.20", "flinkVersion": "v1_20",
             "jobManager": {"resource": {"memory": "2048m", "cpu": 1}}, "taskManager": {"resource": {"memory": "2048m", "cpu": 1}},
             "job": {"jarURI": "local:///opt/flink/job.jar", "parallelism": 2, "upgradeMode": "stateless"}}""";
    private static final String SESSION_SPEC = """
            {"image": "flink:1.20", "flinkVersion": "v1_20",
             "jobManager": {"resource": {"memory": "2048m", "cpu": 1}}, "taskManager": {"resource": {"memory": "2048m", "cpu": 1}}}""";
    private static final String THREE_MISTAKES = """
            {"image": "flink:1.20", "flinkVersion": "v1_20",
             "jobManager": {"resource": {"memory": "2048m", "cpu": 1}}, "taskManager": {"resource": {"memory": "2048m", "cpu": 1}},
             "flinkConfiguration": {"state.checkpoints.dir": "file:///checkpoints"},
             "job": {"jarURI": "local:///opt/flink/job.jar", "parallelism": -2, "upgradeMode": "sometimes", "savepointTriggerNonce": 1}}""";

    private final ValidationReview validation = new ValidationReview(ResourceLookup.none(), false, Set.of());
    private final MutationReview mutation = new MutationReview(JSON);

    @Test
    void a_valid_deployment_is_allowed_and_the_answer_echoes_the_uid() {
        Map<String, Object> review = validation.review(request("CREATE", "FlinkDeployment", deployment("orders", VALID_SPEC, null), null)).toReview("uid-1");

        assertThat(review).containsEntry("apiVersion", "admission.k8s.io/v1").containsEntry("kind", "AdmissionReview");
        assertThat((Map<String, Object>) review.get("response")).containsEntry("uid", "uid-1").containsEntry("allowed", true).doesNotContainKey("status");
    }

    @Test
    void an_invalid_deployment_is_refused_with_every_violation_in_the_message() {
        AdmissionResponse response = validation.review(request("CREATE", "FlinkDeployment", deployment("orders", THREE_MISTAKES, null), null));
        Map<String, Object> status = (Map<String, Object>) ((Map<String, Object>) response.toReview("u").get("response")).get("status");

        assertThat(response.allowed()).isFalse();
        assertThat(status).containsEntry("code", 422);
        assertThat(response.message()).startsWith("FlinkDeployment team-a/orders: 3 problem(s)\n  ")
                .contains("spec.job.upgradeMode: ", "[UNKNOWN_ENUM_VALUE]", "spec.job.parallelism: ", "[OUT_OF_RANGE]", "[SAVEPOINT_DIR_MISSING]")
                .contains("(allowed: ");
        assertThat(response.message().lines()).hasSize(4);
    }

    @Test
    void an_update_compares_with_the_object_it_replaces() {
        Map<String, Object> deployedSession = deployment("orders", SESSION_SPEC, "{\"reconciliationStatus\": {\"state\": \"DEPLOYED\", \"lastReconciledSpec\": "
                + SESSION_SPEC + "}}");
        AdmissionResponse switched = validation.review(request("UPDATE", "FlinkDeployment", deployment("orders", VALID_SPEC, null), deployedSession));

        assertThat(switched.allowed()).isFalse();
        assertThat(switched.message()).contains("[CLUSTER_TYPE_CHANGED]");
        assertThat(validation.review(request("CREATE", "FlinkDeployment", deployment("orders", VALID_SPEC, null), null)).allowed()).isTrue();
    }

    @Test
    void updates_that_leave_the_spec_alone_or_belong_to_a_deletion_are_allowed_unchecked() {
        Map<String, Object> invalid = deployment("orders", THREE_MISTAKES, null);
        Map<String, Object> withFinalizer = deployment("orders", THREE_MISTAKES, null);
        ((Map<String, Object>) withFinalizer.get("metadata")).put("finalizers", List.of("flinkop/finalizer"));
        Map<String, Object> deleting = deployment("orders", VALID_SPEC.replace("stateless", "sometimes"), null);
        ((Map<String, Object>) deleting.get("metadata")).put("deletionTimestamp", "2026-11-24T21:00:00Z");

        assertThat(validation.review(request("UPDATE", "FlinkDeployment", withFinalizer, invalid)).allowed()).isTrue();
        assertThat(validation.review(request("UPDATE", "FlinkDeployment", deleting, invalid)).allowed()).isTrue();
        assertThat(validation.review(request("DELETE", "FlinkDeployment", null, invalid)).allowed()).isTrue();
    }

    @Test
    void resources_in_namespaces_the_operator_does_not_watch_are_left_to_others() {
        ValidationReview onlyTeamB = new ValidationReview(ResourceLookup.none(), false, Set.of("team-b"));

        assertThat(onlyTeamB.review(request("CREATE", "FlinkDeployment", deployment("orders", THREE_MISTAKES, null), null)).allowed()).isTrue();
        assertThat(validation.review(request("CREATE", "Pod", Map.of("metadata", Map.of("name", "p")), null)).allowed()).isTrue();
    }

    @Test
    void a_session_job_is_checked_against_its_session_cluster_in_the_store() {
        String lastStateJob = "{\"deploymentName\": \"session\", \"job\": {\"jarURI\": \"local:///job.jar\", \"upgradeMode\": \"last-state\"}}";
        Map<String, Object> job = resource("FlinkSessionJob", "job", lastStateJob, null);
        var withDir = org.flinkop.domain.binding.ResourceBinding.decode(deployment("session",
                SESSION_SPEC.replace("\"flinkVersion\"", "\"flinkConfiguration\": {\"state.checkpoints.dir\": \"file:///cp\"}, \"flinkVersion\""), null)).resource();
        var withoutDir = org.flinkop.domain.binding.ResourceBinding.decode(deployment("session", SESSION_SPEC, null)).resource();
        ValidationReview clusterWithDir = new ValidationReview((kind, namespace, name) -> name.equals("session") ? withDir : Option.none(), false, Set.of());
        ValidationReview clusterWithoutDir = new ValidationReview((kind, namespace, name) -> name.equals("session") ? withoutDir : Option.none(), false, Set.of());

        assertThat(clusterWithoutDir.review(request("CREATE", "FlinkSessionJob", job, null)).message()).contains("[CHECKPOINT_DIR_MISSING]");
        assertThat(clusterWithDir.review(request("CREATE", "FlinkSessionJob", job, null)).allowed()).isTrue();
    }

    @Test
    void a_status_the_operator_cannot_read_is_a_warning_not_a_refusal() {
        Map<String, Object> withOddStatus = deployment("orders", VALID_SPEC, "{\"lifecycleState\": \"DANCING\"}");
        AdmissionResponse response = validation.review(request("CREATE", "FlinkDeployment", withOddStatus, null));

        assertThat(response.allowed()).isTrue();
        assertThat(response.warnings()).singleElement().asString().contains("status.lifecycleState");
        assertThat((Map<String, Object>) response.toReview("u").get("response")).containsKey("warnings");
    }

    @Test
    void a_session_job_gets_the_target_session_label_as_a_json_patch() {
        Map<String, Object> job = resource("FlinkSessionJob", "job", "{\"deploymentName\": \"session\"}", null);
        Map<String, Object> response = (Map<String, Object>) mutation.review(request("CREATE", "FlinkSessionJob", job, null)).toReview("u").get("response");

        assertThat(response).containsEntry("allowed", true).containsEntry("patchType", "JSONPatch");
        String patch = new String(Base64.getDecoder().decode((String) response.get("patch")), StandardCharsets.UTF_8);
        assertThat(JSON.unmarshal(patch, List.class)).isEqualTo(List.of(Map.of("op", "add", "path", "/metadata/labels", "value",
                Map.of("target.session", "session"))));
    }

    @Test
    void existing_labels_are_kept_and_a_right_label_is_left_alone() {
        Map<String, Object> labelled = resource("FlinkSessionJob", "job", "{\"deploymentName\": \"session\"}", null);
        ((Map<String, Object>) labelled.get("metadata")).put("labels", Map.of("team", "a"));
        Map<String, Object> right = resource("FlinkSessionJob", "job", "{\"deploymentName\": \"session\"}", null);
        ((Map<String, Object>) right.get("metadata")).put("labels", Map.of("target.session", "session"));

        String patch = mutation.review(request("UPDATE", "FlinkSessionJob", labelled, null)).jsonPatch();
        assertThat(JSON.unmarshal(patch, List.class)).isEqualTo(List.of(Map.of("op", "add", "path", "/metadata/labels/target.session", "value", "session")));
        assertThat(mutation.review(request("UPDATE", "FlinkSessionJob", right, null)).jsonPatch()).isNull();
        assertThat(mutation.review(request("CREATE", "FlinkDeployment", deployment("orders", VALID_SPEC, null), null)).jsonPatch()).isNull();
    }

    @Test
    void a_review_without_a_request_uid_cannot_be_answered() {
        assertThat(AdmissionRequest.of(Map.of("apiVersion", "admission.k8s.io/v1"))).isNull();
        assertThat(AdmissionRequest.of(Map.of("request", Map.of("kind", Map.of("kind", "FlinkDeployment"))))).isNull();
    }

    private static AdmissionRequest request(String operation, String kind, Map<String, Object> object, Map<String, Object> old) {
        Map<String, Object> review = new java.util.LinkedHashMap<>();
        Map<String, Object> request = new java.util.LinkedHashMap<>();
        request.put("uid", "uid");
        request.put("kind", Map.of("group", "flink.apache.org", "version", "v1beta1", "kind", kind));
        request.put("operation", operation);
        request.put("namespace", "team-a");
        request.put("object", object);
        request.put("oldObject", old);
        review.put("request", request);
        return AdmissionRequest.of(JSON.unmarshal(JSON.asJson(review), Map.class));
    }

    private static Map<String, Object> deployment(String name, String spec, String status) {
        return resource("FlinkDeployment", name, spec, status);
    }

    private static Map<String, Object> resource(String kind, String name, String spec, String status) {
        String json = "{\"apiVersion\": \"flink.apache.org/v1beta1\", \"kind\": \"" + kind + "\", \"metadata\": {\"name\": \"" + name
                + "\", \"namespace\": \"team-a\"}, \"spec\": " + spec + (status == null ? "" : ", \"status\": " + status) + "}";
        return JSON.unmarshal(json, Map.class);
    }
}
