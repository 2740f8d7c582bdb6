package org.flinkop.domain.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.domain.Docs.set;

import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.flinkop.domain.Docs;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpecDiffTest {

    static Stream<Arguments> deploymentChanges() {
        return Stream.of(
                row("nothing", d -> { }, DiffType.IGNORE),
                row("upgradeMode", d -> set(d, "spec.job.upgradeMode", "last-state"), DiffType.IGNORE),
                row("initialSavepointPath", d -> set(d, "spec.job.initialSavepointPath", "file:///sp/1"), DiffType.IGNORE),
                row("allowNonRestoredState", d -> set(d, "spec.job.allowNonRestoredState", true), DiffType.IGNORE),
                row("an operator setting", d -> set(d, "spec.flinkConfiguration[kubernetes.operator.periodic.savepoint.interval]", "1h"), DiffType.IGNORE),
                row("the ingress", d -> set(d, "spec.ingress", Docs.tree("template", "{{name}}.example.com")), DiffType.IGNORE),
                row("savepointTriggerNonce", d -> set(d, "spec.job.savepointTriggerNonce", 5), DiffType.IGNORE),
                row("checkpointTriggerNonce", d -> set(d, "spec.job.checkpointTriggerNonce", 5), DiffType.IGNORE),
                row("an explicit default state", d -> set(d, "spec.job.state", "running"), DiffType.IGNORE),
                row("parallelism in native mode", d -> set(d, "spec.job.parallelism", 4), DiffType.UPGRADE),
                row("parallelism in standalone mode", d -> set(set(d, "spec.mode", "standalone"), "spec.job.parallelism", 4), DiffType.SCALE),
                row("TaskManager replicas in standalone mode", d -> set(set(d, "spec.mode", "standalone"), "spec.taskManager.replicas", 3), DiffType.SCALE),
                row("TaskManager replicas in native mode", d -> set(d, "spec.taskManager.replicas", 3), DiffType.UPGRADE),
                row("a Flink setting", d -> set(d, "spec.flinkConfiguration[taskmanager.numberOfTaskSlots]", "4"), DiffType.UPGRADE),
                row("the image", d -> set(d, "spec.image", "flink:1.20.1"), DiffType.UPGRADE),
                row("the Flink version", d -> set(d, "spec.flinkVersion", "v2_3"), DiffType.UPGRADE),
                row("JobManager memory", d -> set(d, "spec.jobManager.resource.memory", "4g"), DiffType.UPGRADE),
                row("a pod template", d -> set(d, "spec.podTemplate", Docs.tree("metadata", Docs.tree("labels", Docs.tree("a", "b")))), DiffType.UPGRADE),
                row("restartNonce", d -> set(d, "spec.restartNonce", 1), DiffType.UPGRADE),
                row("suspending", d -> set(d, "spec.job.state", "suspended"), DiffType.UPGRADE),
                row("savepointRedeployNonce", d -> set(d, "spec.job.savepointRedeployNonce", 1), DiffType.SAVEPOINT_REDEPLOY),
                row("the largest wins", d -> set(set(set(d, "spec.mode", "standalone"), "spec.job.parallelism", 4), "spec.image", "flink:2.3"), DiffType.UPGRADE),
                row("redeploy beats upgrade", d -> set(set(d, "spec.image", "x"), "spec.job.savepointRedeployNonce", 2), DiffType.SAVEPOINT_REDEPLOY));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("deploymentChanges")
    void classifies_a_deployment_change(String name, Consumer<Map<String, Object>> edit, DiffType expected) {
        FlinkDeployment before = deployment(Docs.application());
        Map<String, Object> doc = Docs.application();
        if (name.contains("standalone")) {
            before = deployment(set(Docs.application(), "spec.mode", "standalone"));
        }
        edit.accept(doc);

        SpecDiff.Result diff = SpecDiff.of(before.spec(), deployment(doc).spec());

        assertThat(diff.type()).isEqualTo(expected);
        assertThat(diff.isEmpty()).isEqualTo(name.equals("nothing") || name.equals("an explicit default state"));
    }

    @Test
    void names_each_changed_field() {
        FlinkDeployment before = deployment(Docs.application());
        Map<String, Object> doc = set(set(Docs.application(), "spec.image", "flink:2.3"), "spec.job.upgradeMode", "stateless");

        assertThat(SpecDiff.of(before.spec(), deployment(doc).spec()).changes()).containsExactly(
                new SpecDiff.Change("spec.job.upgradeMode", DiffType.IGNORE), new SpecDiff.Change("spec.image", DiffType.UPGRADE));
    }

    @Test
    void a_session_job_parallelism_change_is_an_upgrade() {
        FlinkSessionJob before = (FlinkSessionJob) ResourceBinding.decode(Docs.sessionJob()).resource().get();
        FlinkSessionJob after = (FlinkSessionJob) ResourceBinding.decode(set(Docs.sessionJob(), "spec.job.parallelism", 8)).resource().get();
        FlinkSessionJob operatorOnly = (FlinkSessionJob) ResourceBinding.decode(
                set(Docs.sessionJob(), "spec.flinkConfiguration[kubernetes.operator.savepoint.history.max.count]", "3")).resource().get();

        assertThat(SpecDiff.of(before.spec(), after.spec()).type()).isEqualTo(DiffType.UPGRADE);
        assertThat(SpecDiff.of(before.spec(), operatorOnly.spec()).type()).isEqualTo(DiffType.IGNORE);
    }

    private static FlinkDeployment deployment(Map<String, Object> doc) {
        return (FlinkDeployment) ResourceBinding.decode(doc).resource().get();
    }

    private static Arguments row(String name, Consumer<Map<String, Object>> edit, DiffType expected) {
        return Arguments.of(name, edit, expected);
    }
}
