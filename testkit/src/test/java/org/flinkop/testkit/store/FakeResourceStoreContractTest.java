package org.flinkop.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.store.ResourceStore;
import org.flinkop.testkit.contract.AbstractResourceStoreContractTest;
import org.flinkop.testkit.time.ManualClock;
import org.junit.jupiter.api.Test;

class FakeResourceStoreContractTest extends AbstractResourceStoreContractTest {

    private final FakeResourceStore store = new FakeResourceStore(new ManualClock(Instant.parse("2026-11-01T10:00:00Z")));

    @Override
    protected ResourceStore store() {
        return store;
    }

    @Test
    void an_injected_concurrent_writer_makes_the_next_status_write_conflict_once() {
        FlinkDeployment created = (FlinkDeployment) store.apply(deployment(uniqueName(), 1)).get();
        store.conflictOnNextStatusWrite(ResourceKey.of(created));

        assertThat(store.writeStatus(created).getLeft().reason()).isEqualTo(PortFailure.Reason.CONFLICT);
        FlinkDeployment fresh = (FlinkDeployment) store.get(ResourceKey.of(created)).get();
        assertThat(store.writeStatus(fresh).isRight()).isTrue();
    }
}
