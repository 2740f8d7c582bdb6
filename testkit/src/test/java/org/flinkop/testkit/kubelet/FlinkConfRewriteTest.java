package org.flinkop.testkit.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkConfRewriteTest {

    @TempDir
    Path dir;

    /** A TaskManager pod as Flink's JobManager creates it: one declared port, its RPC port. */
    private final Pod pod = new PodBuilder().withNewMetadata().withNamespace("ns").withName("c-taskmanager-1-1").endMetadata()
            .withNewSpec().addNewContainer().withName("flink-main-container").addNewPort().withContainerPort(6122).endPort().endContainer().endSpec().build();

    @Test
    void dynamic_properties_are_read_with_the_file_and_rewritten_as_it_is() throws IOException {
        Path source = Files.createDirectories(dir.resolve("configmap"));
        Files.writeString(source.resolve("flink-conf.yaml"), "jobmanager.rpc.address: 127.0.0.1\ntaskmanager.rpc.port: 6122\nweb.tmpdir: /tmp\n");
        RunningPod running = new RunningPod(pod, dir.resolve("pods"), Instant.EPOCH, new HostPorts(20_000, 20_010));
        int hostPort = running.ports.get(6122);
        Map<String, String> dynamic = new LinkedHashMap<>(Map.of("taskmanager.rpc.port", "6122", "web.tmpdir", "/elsewhere/flink-web-1",
                "pipeline.jars", "local:///opt/flink/usrlib/job.jar", "taskmanager.resource-id", "c-taskmanager-1-1"));
        Path conf = dir.resolve("conf");

        var unresolved = new FlinkConfRewrite(null, new PodAddresses()).write(source, conf, pod, running, Map.of("/opt/flink/usrlib", dir.resolve("usrlib")),
                dynamic);

        assertThat(unresolved).isEmpty();
        assertThat(dynamic).containsEntry("taskmanager.rpc.port", Integer.toString(hostPort))
                .containsEntry("web.tmpdir", running.dir.resolve("tmp").toString())
                .containsEntry("pipeline.jars", "local://" + dir.resolve("usrlib") + "/job.jar")
                .containsEntry("taskmanager.resource-id", "c-taskmanager-1-1")
                .doesNotContainKey("taskmanager.host");
        Map<String, String> file = new FlinkConfText(Files.readString(conf.resolve("flink-conf.yaml"))).values();
        assertThat(file).containsEntry("taskmanager.rpc.port", Integer.toString(hostPort)).containsEntry("taskmanager.host", "127.0.0.1")
                .containsEntry("user.artifacts.base-dir", running.dir.resolve("artifacts").toString());
    }
}
