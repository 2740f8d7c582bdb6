package org.flinkop.runtime.operator.leader;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.flinkop.runtime.operator.logging.LogLevel;
import org.flinkop.runtime.operator.logging.LogSink;
import org.flinkop.runtime.operator.logging.OperatorLog;
import org.flinkop.runtime.operator.logging.SecretMasker;
import org.junit.jupiter.api.Test;

/** The election's rounds against an in-memory Lease locked on its resourceVersion, on a manual monotonic clock. */
class LeaseElectorTest {

    private static final LeaderElectionSettings SETTINGS = new LeaderElectionSettings(true, "flinkop-leader", Duration.ofSeconds(4), Duration.ofSeconds(3),
            Duration.ofSeconds(1), "pod");

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final InMemoryLease lease = new InMemoryLease();
    private final OperatorLog log = new OperatorLog(new LogSink(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), LogLevel.INFO,
            new SecretMasker(), Clock.systemUTC()), "test");

    private LeaseElector elector(String identity) {
        return new LeaseElector(lease, "ns", SETTINGS, identity, Clock.systemUTC(), nanos::get, log);
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void a_candidate_takes_a_missing_lease_and_acts_only_until_the_renew_deadline_after_its_last_renewal() {
        LeaseElector elector = elector("a");
        Heard heard = new Heard();

        assertThat(elector.round(heard)).isTrue();
        assertThat(elector.acting()).isTrue();
        assertThat(heard.said).containsExactly("leads");
        assertThat(lease.current.getSpec().getHolderIdentity()).isEqualTo("a");
        assertThat(lease.current.getSpec().getLeaseDurationSeconds()).isEqualTo(4);

        lease.unreachable = true;
        advance(Duration.ofSeconds(1));
        assertThat(elector.round(heard)).as("one failed renewal is not yet the end").isTrue();
        advance(Duration.ofMillis(1999));
        assertThat(elector.acting()).isTrue();
        advance(Duration.ofMillis(1));
        assertThat(elector.acting()).as("stops at the deadline, before the next round").isFalse();
        assertThat(elector.round(heard)).isFalse();
        assertThat(heard.said).containsExactly("leads", "lost: the Lease was not renewed within the renew deadline of 3000 ms");
    }

    @Test
    void a_candidate_takes_the_lease_only_once_it_has_not_changed_for_the_lease_duration() {
        LeaseElector leader = elector("a");
        LeaseElector standby = elector("b");
        Heard heardByStandby = new Heard();
        leader.round(new Heard());

        assertThat(standby.round(heardByStandby)).isTrue();
        assertThat(standby.acting()).isFalse();
        assertThat(heardByStandby.said).containsExactly("leader a");
        advance(Duration.ofSeconds(3));
        leader.round(new Heard());
        advance(Duration.ofSeconds(3));
        standby.round(heardByStandby);
        assertThat(standby.acting()).as("the renewal seen 3 s ago still holds").isFalse();

        // the leader dies: nobody renews
        advance(Duration.ofMillis(3999));
        standby.round(heardByStandby);
        assertThat(standby.acting()).isFalse();
        assertThat(leader.acting()).as("the dead leader's deadline passed long before").isFalse();
        advance(Duration.ofMillis(1));
        standby.round(heardByStandby);
        assertThat(standby.acting()).isTrue();
        assertThat(lease.current.getSpec().getHolderIdentity()).isEqualTo("b");
        assertThat(lease.current.getSpec().getLeaseTransitions()).isEqualTo(1);
    }

    @Test
    void of_two_candidates_for_a_missing_lease_one_leads() {
        LeaseElector a = elector("a");
        LeaseElector b = elector("b");

        a.round(new Heard());
        b.round(new Heard());

        assertThat(a.acting()).isTrue();
        assertThat(b.acting()).isFalse();
    }

    @Test
    void a_leader_whose_lease_names_another_holder_stops_at_its_next_round() {
        LeaseElector a = elector("a");
        Heard heard = new Heard();
        a.round(heard);

        lease.update(new LeaseBuilder(lease.current).editSpec().withHolderIdentity("intruder").endSpec().build());
        advance(Duration.ofSeconds(1));

        assertThat(a.round(heard)).isFalse();
        assertThat(a.acting()).isFalse();
        assertThat(heard.said).containsExactly("leads", "leader intruder", "lost: the Lease names another holder: intruder");
    }

    @Test
    void a_leader_that_stops_releases_the_lease_and_a_candidate_takes_it_at_once() {
        LeaseElector a = elector("a");
        LeaseElector b = elector("b");
        a.round(new Heard());
        b.round(new Heard());

        a.stop();
        b.round(new Heard());

        assertThat(a.acting()).isFalse();
        assertThat(b.acting()).as("no lease duration to wait for a released Lease").isTrue();
    }

    /** What the election told the operator, in order. */
    private static final class Heard implements LeaseElector.Listener {

        private final List<String> said = new ArrayList<>();

        @Override
        public void startedLeading() {
            said.add("leads");
        }

        @Override
        public void stoppedLeading(String why) {
            said.add("lost: " + why);
        }

        @Override
        public void leaderIs(String identity) {
            said.add("leader " + identity);
        }
    }

    /** One Lease, its writes locked on the resourceVersion as the API server locks them. */
    private static final class InMemoryLease implements Leases {

        private Lease current;
        private long version;
        private boolean unreachable;

        @Override
        public Lease get() {
            check();
            return current == null ? null : new LeaseBuilder(current).build();
        }

        @Override
        public Lease create(Lease lease) {
            check();
            if (current != null) {
                throw new KubernetesClientException("already exists", 409, null);
            }
            return stored(lease);
        }

        @Override
        public Lease update(Lease lease) {
            check();
            if (current == null || !Objects.equals(current.getMetadata().getResourceVersion(), lease.getMetadata().getResourceVersion())) {
                throw new KubernetesClientException("the object has been modified", 409, null);
            }
            return stored(lease);
        }

        private Lease stored(Lease lease) {
            current = new LeaseBuilder(lease).editMetadata().withResourceVersion(Long.toString(++version)).endMetadata().build();
            return new LeaseBuilder(current).build();
        }

        private void check() {
            if (unreachable) {
                throw new KubernetesClientException("connection refused", 0, null);
            }
        }
    }
}
