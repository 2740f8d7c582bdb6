package org.flinkop.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** How a platform embedding the operator writes a scenario test: a few lines. */
@ExtendWith(SimulationExtension.class)
class SimulationExtensionTest {

    private static final ResourceKey ORDERS = Resources.deployment("orders");

    @Test
    void a_savepoint_upgrade_keeps_the_jobs_progress(Simulation sim) {
        sim.apply(Resources.application("orders", "savepoint", 2));
        sim.runUntil("running", s -> s.lifecycle(ORDERS) == ResourceLifecycleState.STABLE, Duration.ofMinutes(1));
        sim.run(Duration.ofSeconds(30));
        String first = sim.jobId(ORDERS);

        sim.apply(Resources.application("orders", "savepoint", 4));
        sim.runUntil("upgraded", s -> s.lifecycle(ORDERS) == ResourceLifecycleState.STABLE && !first.equals(s.jobId(ORDERS)), Duration.ofMinutes(1));

        assertThat(sim.flink().restores().last().progress()).isGreaterThanOrEqualTo(30);
        assertThat(sim.checkInvariants()).isEmpty();
    }

    @Test
    @SimulationExtension.WithoutHa
    void without_ha_a_lost_job_manager_waits_for_the_user(Simulation sim) {
        sim.apply(Resources.application("orders", "last-state", 2));
        sim.runUntil("running", s -> s.lifecycle(ORDERS) == ResourceLifecycleState.STABLE, Duration.ofMinutes(1));
        sim.flink().loseJobManager(ORDERS);
        sim.run(Duration.ofSeconds(10));

        assertThat(sim.lifecycle(ORDERS)).isEqualTo(ResourceLifecycleState.FAILED);
        assertThat(sim.flink().clusterExists(ORDERS)).isFalse();
    }
}
