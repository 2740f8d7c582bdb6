package org.flinkop.runtime.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.reconcile.Reconciler;
import org.flinkop.runtime.operator.TestResources;
import org.flinkop.testkit.store.FakeResourceStore;
import org.junit.jupiter.api.Test;

class OwnWritesTest {

    private static final ResourceKey APP = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "ns", "app");

    private final FakeResourceStore store = new FakeResourceStore(Clock.systemUTC());
    private final OwnWrites own = new OwnWrites(store);

    @Test
    void the_store_holding_what_this_operator_last_wrote_is_an_echo() {
        store.apply(TestResources.application("ns", "app", Map.of()));
        own.addFinalizer(APP, Reconciler.FINALIZER);
        assertThat(own.isEcho(APP)).isTrue();

        own.writeStatus((FlinkDeployment) store.get(APP).get());
        assertThat(own.isEcho(APP)).isTrue();
    }

    @Test
    void a_change_by_anyone_else_after_it_is_not() {
        store.apply(TestResources.application("ns", "app", Map.of()));
        own.addFinalizer(APP, Reconciler.FINALIZER);
        store.addFinalizer(APP, "example.com/another-finalizer");
        assertThat(own.isEcho(APP)).isFalse();
    }

    @Test
    void a_resource_never_written_here_is_never_an_echo() {
        store.apply(TestResources.application("ns", "app", Map.of()));
        assertThat(own.isEcho(APP)).isFalse();
    }
}
