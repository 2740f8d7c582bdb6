package org.flinkop.runtime.operator.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PoolSchedulerTest {

    @Test
    void tasks_run_on_the_workers_now_and_after_their_delay() throws InterruptedException {
        PoolScheduler scheduler = new PoolScheduler(2, 0.1);
        CountDownLatch ran = new CountDownLatch(2);
        scheduler.execute(ran::countDown);
        scheduler.schedule(Duration.ofMillis(10), ran::countDown);
        assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
        scheduler.close(Duration.ofSeconds(5));
    }

    @Test
    void a_cancelled_task_does_not_run() throws InterruptedException {
        PoolScheduler scheduler = new PoolScheduler(1, 0);
        AtomicBoolean ran = new AtomicBoolean();
        scheduler.schedule(Duration.ofHours(1), () -> ran.set(true)).cancel();
        scheduler.close(Duration.ofSeconds(5));
        assertThat(ran).isFalse();
    }

    @Test
    void a_task_that_throws_leaves_the_workers_running() throws InterruptedException {
        PoolScheduler scheduler = new PoolScheduler(1, 0);
        CountDownLatch after = new CountDownLatch(1);
        scheduler.execute(() -> {
            throw new IllegalStateException("a bug in a task");
        });
        scheduler.execute(after::countDown);
        assertThat(after.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(scheduler.alive()).isTrue();
        scheduler.close(Duration.ofSeconds(5));
    }

    @Test
    void closed_it_is_not_alive_and_takes_no_more_tasks() throws InterruptedException {
        PoolScheduler scheduler = new PoolScheduler(1, 0);
        scheduler.close(Duration.ofSeconds(5));
        assertThat(scheduler.alive()).isFalse();
        AtomicBoolean ran = new AtomicBoolean();
        scheduler.execute(() -> ran.set(true));
        scheduler.schedule(Duration.ZERO, () -> ran.set(true));
        assertThat(ran).isFalse();
    }

    @Test
    void workers_and_jitter_outside_their_range_are_refused() {
        assertThatThrownBy(() -> new PoolScheduler(0, 0)).hasMessageContaining("workers: 0 (allowed: 1 or more)");
        assertThatThrownBy(() -> new PoolScheduler(1, 0.6)).hasMessageContaining("jitter: 0.6 (allowed: 0 to 0.5)");
    }
}
