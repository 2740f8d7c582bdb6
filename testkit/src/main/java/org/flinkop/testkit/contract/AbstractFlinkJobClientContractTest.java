package org.flinkop.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.net.URI;
import java.util.function.BooleanSupplier;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.SnapshotFormatType;
import org.flinkop.ports.flink.FlinkJobClient;
import org.flinkop.ports.flink.JobDetails;
import org.flinkop.ports.flink.SubmitRequest;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FlinkJobClient} must do against a running session cluster. Extend it with the client, the
 * cluster's endpoint and a job the cluster can run.
 */
public abstract class AbstractFlinkJobClientContractTest {

    private static int ids;

    protected abstract FlinkJobClient client();

    /** The REST endpoint of a running session cluster. */
    protected abstract URI cluster();

    /** A submission of a long-running job under {@code jobId}. */
    protected abstract SubmitRequest job(String jobId);

    /** Waits until {@code condition} holds, failing after a reasonable time; fakes advance their clock. */
    protected abstract void awaitUntil(BooleanSupplier condition);

    private static String newJobId() {
        return String.format("%032x", 0xc0ffee00L + (++ids));
    }

    private Option<FlinkJobState> state(String jobId) {
        var job = client().job(cluster(), jobId);
        assertThat(job.isRight()).as("job %s: %s", jobId, job).isTrue();
        return job.get().map(JobDetails::job).map(j -> j.state());
    }

    private String runningJob() {
        String jobId = newJobId();
        assertThat(client().submit(cluster(), job(jobId)).isRight()).isTrue();
        awaitUntil(() -> state(jobId).contains(FlinkJobState.RUNNING));
        return jobId;
    }

    @Test
    void a_submitted_job_runs_and_is_listed_and_submitting_it_again_is_fine() {
        String jobId = runningJob();

        assertThat(client().jobs(cluster()).get().map(d -> d.job().jobId())).contains(jobId);
        assertThat(client().submit(cluster(), job(jobId)).isRight()).isTrue();
        assertThat(state(jobId)).contains(FlinkJobState.RUNNING);
        client().cancel(cluster(), jobId);
    }

    @Test
    void an_unknown_job_is_none_and_an_unknown_trigger_is_unknown() {
        String unknown = newJobId();

        assertThat(state(unknown)).isEmpty();
        String jobId = runningJob();
        assertThat(client().savepointResult(cluster(), jobId, "00000000000000000000000000000001").get()).isInstanceOf(TriggerResult.Unknown.class);
        client().cancel(cluster(), jobId);
    }

    @Test
    void a_savepoint_completes_with_its_path_and_the_job_keeps_running() {
        String jobId = runningJob();
        String trigger = "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a01";

        assertThat(client().triggerSavepoint(cluster(), jobId, trigger, Option.none(), SnapshotFormatType.CANONICAL).isRight()).isTrue();
        awaitUntil(() -> client().savepointResult(cluster(), jobId, trigger).get() instanceof TriggerResult.Completed);

        assertThat(((TriggerResult.Completed) client().savepointResult(cluster(), jobId, trigger).get()).path()).isNotBlank();
        assertThat(state(jobId)).contains(FlinkJobState.RUNNING);
        client().cancel(cluster(), jobId);
    }

    @Test
    void stop_with_savepoint_ends_the_job_with_a_savepoint() {
        String jobId = runningJob();
        String trigger = "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a02";

        assertThat(client().stopWithSavepoint(cluster(), jobId, trigger, false, Option.none()).isRight()).isTrue();
        awaitUntil(() -> client().savepointResult(cluster(), jobId, trigger).get() instanceof TriggerResult.Completed);
        awaitUntil(() -> state(jobId).exists(s -> s == FlinkJobState.FINISHED));
    }

    @Test
    void a_cancelled_job_ends_cancelled_and_cancelling_again_is_fine() {
        String jobId = runningJob();

        assertThat(client().cancel(cluster(), jobId).isRight()).isTrue();
        awaitUntil(() -> state(jobId).contains(FlinkJobState.CANCELED));
        assertThat(client().cancel(cluster(), jobId).isRight()).isTrue();
    }
}
