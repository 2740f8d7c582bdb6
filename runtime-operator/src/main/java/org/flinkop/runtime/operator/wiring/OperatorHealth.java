package org.flinkop.runtime.operator.wiring;

import java.util.function.BooleanSupplier;
import org.flinkop.runtime.operator.http.Health;
import org.flinkop.runtime.operator.loop.PoolScheduler;

/** Liveness from the loop's threads, readiness from the runtime (informers synced, loop started, not stopping). */
final class OperatorHealth implements Health {

    private final PoolScheduler scheduler;
    private final BooleanSupplier ready;

    OperatorHealth(PoolScheduler scheduler, BooleanSupplier ready) {
        this.scheduler = scheduler;
        this.ready = ready;
    }

    @Override
    public boolean live() {
        return scheduler.alive();
    }

    @Override
    public boolean ready() {
        return ready.getAsBoolean();
    }
}
