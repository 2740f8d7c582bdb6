package org.flinkop.testkit.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContainerRunTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void a_crashed_container_restarts_at_once_then_backs_off_as_a_kubelet_does() throws Exception {
        ContainerRun run = new ContainerRun("flink-main-container");

        crash(run, T0, 1);
        assertThat(run.restartCount()).isEqualTo(1);
        assertThat(run.lastTermination().getExitCode()).isEqualTo(1);
        assertThat(run.lastTermination().getReason()).isEqualTo("Error");
        assertThat(run.dueToStart(T0)).as("the first restart is at once").isTrue();

        crash(run, T0, 1);
        assertThat(run.waitingReason()).isEqualTo("CrashLoopBackOff");
        assertThat(run.dueToStart(T0.plusSeconds(9))).isFalse();
        assertThat(run.dueToStart(T0.plusSeconds(10))).isTrue();

        crash(run, T0, 1);
        assertThat(run.dueToStart(T0.plusSeconds(19))).as("the back-off doubles").isFalse();
        assertThat(run.restartCount()).isEqualTo(3);
    }

    @Test
    void a_container_that_is_not_restarted_stays_terminated() throws Exception {
        ContainerRun run = new ContainerRun("flink-main-container");

        run.started(exited(0), T0);
        run.exited(T0, false);

        assertThat(run.terminated().getReason()).isEqualTo("Completed");
        assertThat(run.dueToStart(T0.plusSeconds(3600))).isFalse();
    }

    private static void crash(ContainerRun run, Instant now, int exitCode) throws IOException, InterruptedException {
        run.started(exited(exitCode), now);
        run.exited(now, true);
    }

    private static Process exited(int exitCode) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", "exit " + exitCode).start();
        process.waitFor();
        return process;
    }
}
