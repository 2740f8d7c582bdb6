package org.flinkop.runtime.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.flinkop.domain.decision.Action.EventType;
import org.flinkop.domain.decision.EventReason;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.reconcile.PassOutcome;
import org.flinkop.ports.store.RecordedEvent;
import org.junit.jupiter.api.Test;

class OperatorMetricsTest {

    private static OperatorMetrics.Gauges gauges(int queue, boolean ready) {
        return new OperatorMetrics.Gauges() {
            @Override
            public int queueDepth() {
                return queue;
            }

            @Override
            public Map<ResourceKind, Map<String, Integer>> resourcesByState() {
                return Map.of(ResourceKind.FLINK_DEPLOYMENT, Map.of("STABLE", 2));
            }

            @Override
            public boolean ready() {
                return ready;
            }
        };
    }

    @Test
    void passes_failures_durations_and_events_are_counted_by_kind() {
        OperatorMetrics metrics = new OperatorMetrics();
        metrics.passFinished(ResourceKind.FLINK_DEPLOYMENT, Duration.ofMillis(20), PassOutcome.lookAgain(Duration.ofSeconds(60)));
        metrics.passFinished(ResourceKind.FLINK_DEPLOYMENT, Duration.ofMillis(3), PassOutcome.failed("recording", PortFailure.of(PortFailure.Reason.CONFLICT, "x")));
        metrics.passFinished(ResourceKind.FLINK_SESSION_JOB, Duration.ofMillis(1), PassOutcome.gone());
        metrics.eventRecorded(ResourceKind.FLINK_DEPLOYMENT, new RecordedEvent(Instant.EPOCH, EventReason.RUNNING, EventType.NORMAL, "the job runs"));

        String text = metrics.scrape(gauges(5, true));

        assertThat(text).contains("flinkop_reconcile_passes_total{kind=\"FlinkDeployment\"} 2\n")
                .contains("flinkop_reconcile_passes_total{kind=\"FlinkSessionJob\"} 1\n")
                .contains("flinkop_reconcile_passes_total{kind=\"FlinkStateSnapshot\"} 0\n")
                .contains("flinkop_reconcile_failures_total{kind=\"FlinkDeployment\",reason=\"CONFLICT\"} 1\n")
                .contains("flinkop_reconcile_duration_seconds_bucket{kind=\"FlinkDeployment\",le=\"0.005\"} 1\n")
                .contains("flinkop_reconcile_duration_seconds_bucket{kind=\"FlinkDeployment\",le=\"0.025\"} 2\n")
                .contains("flinkop_reconcile_duration_seconds_count{kind=\"FlinkDeployment\"} 2\n")
                .contains("flinkop_events_total{kind=\"FlinkDeployment\",type=\"NORMAL\",reason=\"RUNNING\"} 1\n")
                .contains("flinkop_queue_depth 5\n")
                .contains("flinkop_resources{kind=\"FlinkDeployment\",state=\"STABLE\"} 2\n")
                .contains("flinkop_ready 1\n")
                .contains("# TYPE flinkop_reconcile_duration_seconds histogram\n")
                .containsPattern("jvm_memory_used_bytes\\{area=\"heap\"\\} [0-9]+\n");
        assertThat(metrics.scrape(gauges(0, false))).contains("flinkop_ready 0\n");
    }
}
