package org.flinkop.testkit.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.loop.ControlLoop;
import org.flinkop.ports.loop.Scheduler;
import org.flinkop.ports.reconcile.PassOutcome;
import org.flinkop.testkit.store.FakeResourceStore;
import org.flinkop.testkit.time.ManualClock;
import org.junit.jupiter.api.Test;

class ControlLoopTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-01T10:00:00Z"));
    private final DeterministicScheduler scheduler = new DeterministicScheduler(clock);
    private final FakeResourceStore store = new FakeResourceStore(clock);
    private final List<ResourceKey> passes = new ArrayList<>();
    private final Map<ResourceKey, PassOutcome> outcomes = new HashMap<>();

    private static ResourceKey key(String name) {
        return new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "ns", name);
    }

    private ControlLoop loop(int parallelism, Function<ResourceKey, PassOutcome> pass) {
        return new ControlLoop(pass, store, scheduler, new ControlLoop.Settings(parallelism, Duration.ofSeconds(1), Duration.ofSeconds(30)));
    }

    private ControlLoop recordingLoop() {
        return loop(4, k -> {
            passes.add(k);
            return outcomes.getOrDefault(k, PassOutcome.lookAgain(Duration.ofSeconds(60)));
        });
    }

    @Test
    void triggers_for_a_queued_resource_fold_into_one_pass() {
        ControlLoop loop = recordingLoop();

        loop.trigger(key("a"));
        loop.trigger(key("a"));
        loop.trigger(key("a"));
        scheduler.runReady();

        assertThat(passes).containsExactly(key("a"));
    }

    @Test
    void a_trigger_during_a_pass_gives_exactly_one_more_pass_after_it() {
        ControlLoop[] self = new ControlLoop[1];
        self[0] = loop(4, k -> {
            passes.add(k);
            if (passes.size() == 1) {
                self[0].trigger(k);
                self[0].trigger(k);
            }
            return PassOutcome.lookAgain(Duration.ofSeconds(60));
        });

        self[0].trigger(key("a"));
        scheduler.runReady();

        assertThat(passes).containsExactly(key("a"), key("a"));
    }

    @Test
    void a_resource_is_looked_at_again_after_the_decisions_delay() {
        ControlLoop loop = recordingLoop();
        outcomes.put(key("a"), PassOutcome.lookAgain(Duration.ofSeconds(10)));

        loop.trigger(key("a"));
        scheduler.runReady();
        scheduler.advance(Duration.ofSeconds(9));
        assertThat(passes).hasSize(1);
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(passes).hasSize(2);
    }

    @Test
    void failures_back_off_exponentially_up_to_the_cap_and_success_resets_it() {
        ControlLoop loop = recordingLoop();
        outcomes.put(key("a"), PassOutcome.failed("observing", PortFailure.of(PortFailure.Reason.TIMEOUT, "no answer")));
        loop.trigger(key("a"));
        scheduler.runReady();

        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Duration wait = scheduler.pendingDelays().get(0);
            waits.add(wait);
            scheduler.advance(wait);
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(16), Duration.ofSeconds(30), Duration.ofSeconds(30));

        outcomes.put(key("a"), PassOutcome.lookAgain(Duration.ofSeconds(60)));
        scheduler.advance(scheduler.pendingDelays().get(0));
        outcomes.put(key("a"), PassOutcome.failed("observing", PortFailure.of(PortFailure.Reason.TIMEOUT, "no answer")));
        scheduler.advance(Duration.ofSeconds(60));
        assertThat(scheduler.pendingDelays().get(0)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void a_pass_that_throws_is_a_failure_and_other_resources_go_on() {
        ControlLoop loop = loop(4, k -> {
            passes.add(k);
            if (k.equals(key("bad"))) {
                throw new IllegalStateException("bug");
            }
            return PassOutcome.lookAgain(Duration.ofSeconds(60));
        });

        loop.trigger(key("bad"));
        loop.trigger(key("good"));
        scheduler.runReady();

        assertThat(passes).containsExactly(key("bad"), key("good"));
        assertThat(scheduler.pendingDelays()).contains(Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    @Test
    void a_resource_that_is_gone_is_not_looked_at_again() {
        ControlLoop loop = recordingLoop();
        outcomes.put(key("a"), PassOutcome.gone());

        loop.trigger(key("a"));
        scheduler.runReady();

        assertThat(scheduler.pendingDelays()).isEmpty();
    }

    @Test
    void no_more_passes_run_at_once_than_the_parallelism() {
        List<Runnable> held = new ArrayList<>();
        int[] inFlight = {0};
        int[] most = {0};
        Scheduler holding = new Scheduler() {
            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                return () -> { };
            }

            @Override
            public void execute(Runnable task) {
                inFlight[0]++;
                most[0] = Math.max(most[0], inFlight[0]);
                held.add(() -> {
                    inFlight[0]--;
                    task.run();
                });
            }
        };
        ControlLoop loop = new ControlLoop(k -> PassOutcome.lookAgain(Duration.ofSeconds(60)), store, holding,
                new ControlLoop.Settings(2, Duration.ofSeconds(1), Duration.ofSeconds(30)));

        for (String name : List.of("a", "b", "c", "d", "e")) {
            loop.trigger(key(name));
        }
        assertThat(held).hasSize(2);
        while (!held.isEmpty()) {
            held.remove(0).run();
        }

        assertThat(most[0]).isEqualTo(2);
        assertThat(loop.passes()).isEqualTo(5);
    }

    @Test
    void stop_lets_the_pass_in_flight_finish_and_starts_no_more() throws Exception {
        ScheduledExecutorService threads = Executors.newScheduledThreadPool(2);
        try {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            List<ResourceKey> finished = java.util.Collections.synchronizedList(new ArrayList<>());
            Scheduler real = new Scheduler() {
                @Override
                public Cancellable schedule(Duration delay, Runnable task) {
                    var future = threads.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
                    return () -> future.cancel(false);
                }

                @Override
                public void execute(Runnable task) {
                    threads.execute(task);
                }
            };
            ControlLoop loop = new ControlLoop(k -> {
                started.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                finished.add(k);
                return PassOutcome.lookAgain(Duration.ofMillis(1));
            }, store, real, new ControlLoop.Settings(1, Duration.ofSeconds(1), Duration.ofSeconds(30)));
            loop.trigger(key("a"));
            loop.trigger(key("b"));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

            Thread releaser = new Thread(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                release.countDown();
            });
            releaser.start();
            boolean allFinished = loop.stop(Duration.ofSeconds(10));
            releaser.join();

            assertThat(allFinished).isTrue();
            assertThat(finished).containsExactly(key("a"));
            Thread.sleep(100);
            assertThat(finished).as("nothing started after stop").containsExactly(key("a"));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void start_queues_every_stored_resource_and_store_changes_trigger_passes() {
        ControlLoop loop = recordingLoop();
        var deployment = new org.flinkop.testkit.contract.AbstractResourceStoreContractTest() {
            @Override
            protected org.flinkop.ports.store.ResourceStore store() {
                return store;
            }

            org.flinkop.domain.resource.FlinkDeployment make(String name) {
                return deployment(name, 1);
            }
        };
        store.apply(deployment.make("existing"));

        loop.start();
        scheduler.runReady();
        assertThat(passes).extracting(ResourceKey::name).containsExactly("existing");

        store.apply(deployment.make("new"));
        scheduler.runReady();
        assertThat(passes).extracting(ResourceKey::name).containsExactly("existing", "new");
    }
}
