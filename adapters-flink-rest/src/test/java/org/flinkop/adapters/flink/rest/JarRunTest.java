package org.flinkop.adapters.flink.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.runtime.webmonitor.handlers.JarRunRequestBody;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.ports.artifact.Artifact;
import org.flinkop.ports.flink.SubmitRequest;
import org.junit.jupiter.api.Test;

class JarRunTest {

    private static final String JOB = "a0a0a0a0a0a0a0a0a0a0a0a0a0a0a001";
    private static final Artifact JAR = new Artifact("/tmp/job.jar", "ab", 1);

    private static SubmitRequest request(String entryClass, Integer parallelism, StateLocation from) {
        return new SubmitRequest(JOB, JAR, entryClass, List.of("--speed", "10"), parallelism, from, true);
    }

    @Test
    void the_json_carries_entry_class_arguments_parallelism_job_id_and_the_restore_path() {
        String json = JarRun.json(request("org.example.Main", 4, StateLocation.savepoint("s3://sp/savepoint-1"))).get().toString();

        assertThat(json).isEqualTo("{\"entryClass\":\"org.example.Main\",\"programArgsList\":[\"--speed\",\"10\"],\"parallelism\":4,"
                + "\"jobId\":\"" + JOB + "\",\"allowNonRestoredState\":true,\"savepointPath\":\"s3://sp/savepoint-1\"}");
    }

    @Test
    void what_is_not_given_is_left_to_the_jar_and_the_cluster() {
        String json = JarRun.json(request(null, null, StateLocation.none())).get().toString();

        assertThat(json).doesNotContain("entryClass", "parallelism", "savepointPath");
    }

    @Test
    void the_json_reads_as_this_client_s_request_body() {
        JarRunRequestBody body = JarRun.body(request("org.example.Main", 2, StateLocation.checkpoint("file:/chk/job/chk-7"))).get();

        assertThat(body.getEntryClassName()).isEqualTo("org.example.Main");
        assertThat(body.getProgramArgumentsList()).containsExactly("--speed", "10");
        assertThat(body.getParallelism()).isEqualTo(2);
        assertThat(body.getJobId().toHexString()).isEqualTo(JOB);
        assertThat(body.getSavepointPath()).isEqualTo("file:/chk/job/chk-7");
        assertThat(body.getAllowNonRestoredState()).isTrue();
    }

    @Test
    void a_restore_a_run_request_cannot_express_is_refused() {
        assertThat(JarRun.json(request(null, null, StateLocation.haMetadata())).getLeft()).contains("HA_METADATA");
        assertThat(JarRun.json(request(null, null, StateLocation.pendingSavepoint("t1"))).getLeft()).contains("PENDING_SAVEPOINT");
    }
}
