package org.flinkop.adapters.kubernetes.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.flinkop.adapters.kubernetes.store.EventCorrelator.Create;
import org.flinkop.adapters.kubernetes.store.EventCorrelator.Drop;
import org.flinkop.adapters.kubernetes.store.EventCorrelator.Increment;
import org.flinkop.adapters.kubernetes.store.EventCorrelator.Occurrences;
import org.flinkop.adapters.kubernetes.store.EventCorrelator.Outcome;
import org.flinkop.domain.decision.Action.EventType;
import org.flinkop.domain.decision.EventReason;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.store.RecordedEvent;
import org.junit.jupiter.api.Test;

class EventCorrelatorTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final ResourceKey ORDERS = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "team-a", "orders");
    private static final ResourceKey CLICKS = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "team-a", "clicks");

    private final EventCorrelator correlator = new EventCorrelator(Duration.ofMinutes(10), 3, Duration.ofMinutes(1));

    @Test
    void the_first_occurrence_creates_an_event_named_after_the_object() {
        Outcome outcome = correlator.correlate(ORDERS, deploying(T0));

        assertThat(outcome).isInstanceOf(Create.class);
        Create create = (Create) outcome;
        assertThat(create.name()).startsWith("orders.");
        assertThat(create.occurrences()).isEqualTo(new Occurrences(1, T0, T0));
    }

    @Test
    void a_repeat_within_the_window_raises_the_count_of_the_same_event() {
        Create first = (Create) correlator.correlate(ORDERS, deploying(T0));

        Outcome second = correlator.correlate(ORDERS, deploying(T0.plusSeconds(30)));
        Outcome third = correlator.correlate(ORDERS, deploying(T0.plusSeconds(60)));

        assertThat(second).isEqualTo(new Increment(first.name(), new Occurrences(2, T0, T0.plusSeconds(30))));
        assertThat(third).isEqualTo(new Increment(first.name(), new Occurrences(3, T0, T0.plusSeconds(60))));
    }

    @Test
    void another_message_reason_type_or_object_is_another_event() {
        Create first = (Create) correlator.correlate(ORDERS, deploying(T0));

        assertThat(correlator.correlate(ORDERS, new RecordedEvent(T0, EventReason.DEPLOYING, EventType.NORMAL, "deploying again"))).isInstanceOf(Create.class);
        assertThat(correlator.correlate(ORDERS, new RecordedEvent(T0, EventReason.RUNNING, EventType.NORMAL, "deploying"))).isInstanceOf(Create.class);
        Outcome otherObject = correlator.correlate(CLICKS, deploying(T0));
        assertThat(otherObject).isInstanceOf(Create.class);
        assertThat(((Create) otherObject).name()).isNotEqualTo(first.name()).startsWith("clicks.");
    }

    @Test
    void a_repeat_after_the_window_creates_a_new_event() {
        Create first = (Create) correlator.correlate(ORDERS, deploying(T0));

        Outcome later = correlator.correlate(ORDERS, deploying(T0.plus(Duration.ofMinutes(11))));

        assertThat(later).isInstanceOf(Create.class);
        assertThat(((Create) later).name()).isNotEqualTo(first.name());
    }

    @Test
    void an_object_over_its_burst_gets_no_more_events_until_its_budget_refills() {
        for (int i = 0; i < 3; i++) {
            assertThat(correlator.correlate(ORDERS, event(T0, "message " + i))).isInstanceOf(Create.class);
        }

        assertThat(correlator.correlate(ORDERS, event(T0.plusSeconds(30), "one too many"))).isInstanceOf(Drop.class);
        assertThat(correlator.correlate(CLICKS, event(T0.plusSeconds(30), "another object has its own budget"))).isInstanceOf(Create.class);
        assertThat(correlator.correlate(ORDERS, event(T0.plusSeconds(60), "refilled by one"))).isInstanceOf(Create.class);
        assertThat(correlator.correlate(ORDERS, event(T0.plusSeconds(60), "but only one"))).isInstanceOf(Drop.class);
    }

    @Test
    void a_forgotten_event_is_created_again_on_its_next_occurrence() {
        Create first = (Create) correlator.correlate(ORDERS, deploying(T0));

        correlator.forget(ORDERS, deploying(T0));
        Outcome again = correlator.correlate(ORDERS, deploying(T0.plusSeconds(1)));

        assertThat(again).isInstanceOf(Create.class);
        assertThat(((Create) again).name()).isNotEqualTo(first.name());
    }

    @Test
    void reasons_are_spelled_as_kubernetes_spells_them() {
        assertThat(EventRecorder.reason(EventReason.SPEC_CHANGED)).isEqualTo("SpecChanged");
        assertThat(EventRecorder.reason(EventReason.DEPLOYING)).isEqualTo("Deploying");
        assertThat(EventRecorder.reason(EventReason.UPGRADE_PATH_CHOSEN)).isEqualTo("UpgradePathChosen");
    }

    private static RecordedEvent deploying(Instant at) {
        return event(at, "deploying");
    }

    private static RecordedEvent event(Instant at, String message) {
        return new RecordedEvent(at, EventReason.DEPLOYING, EventType.NORMAL, message);
    }
}
