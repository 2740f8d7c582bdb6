package org.flinkop.runtime.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.flinkop.domain.decision.Action.EventType;
import org.flinkop.domain.decision.EventReason;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.cluster.ClusterOwner;
import org.flinkop.ports.reconcile.PassOutcome;
import org.flinkop.ports.reconcile.Reconciler;
import org.flinkop.ports.store.RecordedEvent;
import org.flinkop.runtime.operator.TestResources;
import org.flinkop.runtime.operator.logging.LogLevel;
import org.flinkop.runtime.operator.logging.LogSink;
import org.flinkop.runtime.operator.logging.OperatorLog;
import org.flinkop.runtime.operator.logging.SecretMasker;
import org.flinkop.runtime.operator.metrics.OperatorMetrics;
import org.flinkop.testkit.artifact.FakeArtifacts;
import org.flinkop.testkit.flink.FakeFlink;
import org.flinkop.testkit.store.FakeResourceStore;
import org.junit.jupiter.api.Test;

/** The store as passes see it, and one pass as the operator runs it, over the testkit's fakes. */
class ReportingStoreTest {

    private static final ResourceKey APP = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "ns", "app");

    private final FakeResourceStore store = new FakeResourceStore(Clock.systemUTC());
    private final SecretMasker masker = new SecretMasker();
    private final OperatorMetrics metrics = new OperatorMetrics();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final OperatorLog log = new OperatorLog(new LogSink(new PrintStream(out, true, StandardCharsets.UTF_8), LogLevel.INFO, masker,
            Clock.systemUTC()), "test");

    private String logged() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void an_event_is_masked_counted_and_logged_before_it_is_recorded() {
        masker.register(APP.toString(), Map.of("s3.secret-key", "Sup3rS3cret"));
        new ReportingStore(store, masker, metrics, log).recordEvent(APP,
                new RecordedEvent(Instant.EPOCH, EventReason.JOB_FAILED, EventType.WARNING, "the job failed: denied with Sup3rS3cret"));

        assertThat(store.events(APP)).singleElement().satisfies(e -> assertThat(e.message()).isEqualTo("the job failed: denied with ******"));
        assertThat(logged()).contains("msg=event kind=FlinkDeployment namespace=ns name=app type=WARNING reason=JOB_FAILED")
                .doesNotContain("Sup3rS3cret");
        assertThat(metrics.scrape(noGauges())).contains("flinkop_events_total{kind=\"FlinkDeployment\",type=\"WARNING\",reason=\"JOB_FAILED\"} 1");
    }

    @Test
    void a_pass_registers_the_resources_secrets_first_so_that_what_it_reports_is_masked() {
        store.apply(TestResources.application("ns", "app", Map.of("s3.secret-key", "Sup3rS3cret")));
        FakeFlink flink = new FakeFlink(Clock.systemUTC(), true, FakeFlink.Latencies.defaults());
        Reconciler reconciler = new Reconciler(new Reconciler.Ports(new ReportingStore(store, masker, metrics, log), flink, flink,
                new FakeArtifacts(false, 1), Clock.systemUTC(), org.flinkop.domain.decision.OperatorSettings.defaults()));
        ObservedPass pass = new ObservedPass(reconciler, store, metrics, masker, log, Duration.ofSeconds(30));

        PassOutcome outcome = pass.apply(APP);

        assertThat(outcome.isFailure()).isFalse();
        assertThat(masker.mask("Sup3rS3cret")).isEqualTo("******");
        assertThat(metrics.scrape(noGauges())).contains("flinkop_reconcile_passes_total{kind=\"FlinkDeployment\"} 1");
    }

    @Test
    void a_failed_pass_is_counted_by_reason_and_logged_with_its_step_and_a_pass_that_throws_is_a_failure() {
        Reconciler failing = new Reconciler(new Reconciler.Ports(store, null, null, null, Clock.systemUTC(),
                org.flinkop.domain.decision.OperatorSettings.defaults()));
        store.apply(TestResources.application("ns", "app", Map.of()));
        // a reconciler over no deployer throws inside the pass: a bug, which must not stop the loop
        PassOutcome thrown = new ObservedPass(failing, store, metrics, masker, log, Duration.ofSeconds(30)).apply(APP);

        assertThat(thrown.isFailure()).isTrue();
        assertThat(thrown.failure().get().reason()).isEqualTo(PortFailure.Reason.REJECTED);
        assertThat(logged()).contains("msg=\"reconcile pass threw\" kind=FlinkDeployment namespace=ns name=app")
                .contains("msg=\"reconcile pass failed; retrying with backoff\"");
        assertThat(metrics.scrape(noGauges())).contains("flinkop_reconcile_failures_total{kind=\"FlinkDeployment\",reason=\"REJECTED\"} 1");
    }

    @Test
    void while_a_job_manager_rolls_out_the_next_look_waits_for_the_recheck_interval_and_otherwise_for_the_decision() {
        store.apply(TestResources.application("ns", "app", Map.of()));
        Reconciler reconciler = new Reconciler(new Reconciler.Ports(store, new RollingOut(), new FakeFlink(Clock.systemUTC(), true,
                FakeFlink.Latencies.defaults()), new FakeArtifacts(false, 1), Clock.systemUTC(), org.flinkop.domain.decision.OperatorSettings.defaults()));
        ObservedPass stretching = new ObservedPass(reconciler, store, metrics, masker, log, Duration.ofSeconds(30));

        PassOutcome deploys = stretching.apply(APP);
        PassOutcome seesItRollOut = stretching.apply(APP);
        PassOutcome asDecided = new ObservedPass(reconciler, store, metrics, masker, log, Duration.ZERO).apply(APP);

        assertThat(((org.flinkop.domain.resource.FlinkDeployment) store.get(APP).get()).status().jobManagerDeploymentStatus())
                .isEqualTo(org.flinkop.domain.resource.JobManagerDeploymentStatus.DEPLOYING);
        assertThat(deploys.lookAgainAfter().get()).as("the deploy recorded the JobManager as deploying").isEqualTo(Duration.ofSeconds(30));
        assertThat(seesItRollOut.lookAgainAfter().get()).isEqualTo(Duration.ofSeconds(30));
        assertThat(asDecided.lookAgainAfter().get()).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void a_resource_being_deleted_keeps_the_decisions_progress_check_while_its_job_manager_rolls_out() {
        // with high availability on, the removal is looked at again before the resource goes
        store.apply(TestResources.application("ns", "app", Map.of("high-availability.type", "kubernetes", "high-availability.storageDir", "file:///tmp/ha")));
        Reconciler reconciler = new Reconciler(new Reconciler.Ports(store, new RollingOut(), new FakeFlink(Clock.systemUTC(), true,
                FakeFlink.Latencies.defaults()), new FakeArtifacts(false, 1), Clock.systemUTC(), org.flinkop.domain.decision.OperatorSettings.defaults()));
        ObservedPass stretching = new ObservedPass(reconciler, store, metrics, masker, log, Duration.ofSeconds(30));
        stretching.apply(APP);
        assertThat(stretching.apply(APP).lookAgainAfter().get()).as("rolling out").isEqualTo(Duration.ofSeconds(30));

        store.delete(APP);
        PassOutcome deleting = stretching.apply(APP);

        assertThat(((org.flinkop.domain.resource.FlinkDeployment) store.get(APP).get()).status().lifecycleState())
                .isEqualTo(org.flinkop.domain.resource.ResourceLifecycleState.DELETING);
        assertThat(deleting.lookAgainAfter().get()).isLessThan(Duration.ofSeconds(30));
    }

    /** A deployer whose JobManager, once deployed, keeps rolling out (as with no kubelet). */
    private static final class RollingOut implements org.flinkop.ports.cluster.ClusterDeployer {

        private boolean deployed;

        @Override
        public io.vavr.control.Either<PortFailure, org.flinkop.ports.Done> deploy(ResourceKey key, ClusterOwner owner, org.flinkop.domain.resource.FlinkDeploymentSpec spec,
                org.flinkop.domain.resource.StateLocation restoreFrom, String jobId) {
            deployed = true;
            return io.vavr.control.Either.right(org.flinkop.ports.Done.DONE);
        }

        @Override
        public io.vavr.control.Either<PortFailure, org.flinkop.ports.cluster.ClusterObservation> observe(ResourceKey key) {
            return io.vavr.control.Either.right(deployed ? new org.flinkop.ports.cluster.ClusterObservation(
                    org.flinkop.domain.resource.JobManagerDeploymentStatus.DEPLOYING, false, io.vavr.control.Option.none())
                    : org.flinkop.ports.cluster.ClusterObservation.missing(false));
        }

        @Override
        public io.vavr.control.Either<PortFailure, org.flinkop.ports.Done> delete(ResourceKey key, boolean deleteHaMetadata) {
            deployed = false;
            return io.vavr.control.Either.right(org.flinkop.ports.Done.DONE);
        }

        @Override
        public io.vavr.control.Either<PortFailure, org.flinkop.ports.Done> rescale(ResourceKey key, Integer taskManagers, Integer parallelism) {
            return io.vavr.control.Either.right(org.flinkop.ports.Done.DONE);
        }

        @Override
        public boolean keepsHaMetadata() {
            return true;
        }
    }

    private static OperatorMetrics.Gauges noGauges() {
        return new OperatorMetrics.Gauges() {
            @Override
            public int queueDepth() {
                return 0;
            }

            @Override
            public Map<ResourceKind, Map<String, Integer>> resourcesByState() {
                return Map.of();
            }

            @Override
            public boolean ready() {
                return true;
            }
        };
    }
}
