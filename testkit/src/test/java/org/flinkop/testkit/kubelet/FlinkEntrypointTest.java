package org.flinkop.testkit.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlinkEntrypointTest {

    private static final List<String> ENTRYPOINT = List.of("/docker-entrypoint.sh");

    @Test
    void the_image_entrypoints_first_argument_names_a_standalone_process() {
        assertThat(FlinkEntrypoint.of(ENTRYPOINT, List.of("standalone-job", "--job-classname", "Job")))
                .contains(new FlinkEntrypoint.Start(FlinkEntrypoint.STANDALONE_JOB, List.of("--job-classname", "Job")));
        assertThat(FlinkEntrypoint.of(null, List.of("taskmanager"))).contains(new FlinkEntrypoint.Start(FlinkEntrypoint.TASKMANAGER, List.of()));
    }

    @Test
    void a_native_job_manager_runs_flinks_kubernetes_entry_class_with_the_scripts_arguments() {
        assertThat(FlinkEntrypoint.of(ENTRYPOINT, List.of("bash", "-c", "kubernetes-jobmanager.sh kubernetes-application -Dx=y")))
                .contains(new FlinkEntrypoint.Start(FlinkEntrypoint.KUBERNETES_APPLICATION, List.of("-Dx=y")));
        assertThat(FlinkEntrypoint.of(ENTRYPOINT, List.of("bash", "-c", "$FLINK_HOME/bin/kubernetes-jobmanager.sh kubernetes-session")))
                .contains(new FlinkEntrypoint.Start(FlinkEntrypoint.KUBERNETES_SESSION, List.of()));
        assertThat(FlinkEntrypoint.KUBERNETES_APPLICATION.mainClass()).isEqualTo("org.apache.flink.kubernetes.entrypoint.KubernetesApplicationClusterEntrypoint");
    }

    @Test
    void a_task_manager_pod_flink_created_runs_with_the_dynamic_properties_of_its_command() {
        String command = "kubernetes-taskmanager.sh -Djobmanager.memory.off-heap.size=134217728b -Dtaskmanager.resource-id=c-taskmanager-1-1"
                + " -Dpipeline.name='a b' -D taskmanager.memory.network.min=67108864b -D taskmanager.cpu.cores=1.0 ";
        assertThat(FlinkEntrypoint.of(ENTRYPOINT, List.of("bash", "-c", command))).contains(new FlinkEntrypoint.Start(FlinkEntrypoint.KUBERNETES_TASKMANAGER,
                List.of("-Djobmanager.memory.off-heap.size=134217728b", "-Dtaskmanager.resource-id=c-taskmanager-1-1", "-Dpipeline.name=a b", "-D",
                        "taskmanager.memory.network.min=67108864b", "-D", "taskmanager.cpu.cores=1.0")));
        assertThat(FlinkEntrypoint.KUBERNETES_TASKMANAGER.resourceParams()).isEqualTo("GET_TM_RESOURCE_PARAMS");
    }

    @Test
    void anything_else_is_not_run() {
        assertThat(FlinkEntrypoint.of(ENTRYPOINT, List.of("bash", "-c", "kubernetes-jobmanager.sh kubernetes-other"))).isEmpty();
        assertThat(FlinkEntrypoint.of(ENTRYPOINT, List.of("bash", "-c", "kubernetes-jobmanager.sh 'open"))).isEmpty();
        assertThat(FlinkEntrypoint.of(List.of("/bin/sleep"), List.of("10"))).isEmpty();
        assertThat(FlinkEntrypoint.of(ENTRYPOINT, List.of())).isEmpty();
    }
}
