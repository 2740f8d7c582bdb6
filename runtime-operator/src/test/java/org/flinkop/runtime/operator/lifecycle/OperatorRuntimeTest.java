package org.flinkop.runtime.operator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flinkop.ports.Done;
import org.flinkop.runtime.operator.logging.LogLevel;
import org.flinkop.runtime.operator.logging.LogSink;
import org.flinkop.runtime.operator.logging.OperatorLog;
import org.flinkop.runtime.operator.logging.SecretMasker;
import org.junit.jupiter.api.Test;

class OperatorRuntimeTest {

    private final List<String> calls = new ArrayList<>();
    private final OperatorLog log = new OperatorLog(new LogSink(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), LogLevel.INFO,
            new SecretMasker(), Clock.systemUTC()), "test");

    private Lifecycle part(String name, boolean starts) {
        return new Lifecycle() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Either<String, Done> start() {
                calls.add("start " + name);
                return starts ? Either.right(Done.DONE) : Either.left("cannot");
            }

            @Override
            public void stop(Duration grace) {
                calls.add("stop " + name + " within " + grace.toSeconds() + " s");
            }
        };
    }

    @Test
    void parts_start_in_order_and_stop_in_reverse_and_it_is_ready_in_between() throws InterruptedException {
        OperatorRuntime runtime = new OperatorRuntime(List.of(part("endpoints", true), part("store", true), part("loop", true)), Duration.ofSeconds(30), log);
        assertThat(runtime.ready()).isFalse();

        assertThat(runtime.start().isRight()).isTrue();
        assertThat(runtime.ready()).isTrue();
        runtime.stop();
        runtime.stop();
        runtime.awaitStopped();

        assertThat(runtime.ready()).isFalse();
        assertThat(calls).containsExactly("start endpoints", "start store", "start loop", "stop loop within 30 s", "stop store within 30 s",
                "stop endpoints within 30 s");
    }

    @Test
    void a_part_that_does_not_start_stops_the_ones_started_and_names_itself() throws InterruptedException {
        OperatorRuntime runtime = new OperatorRuntime(List.of(part("endpoints", true), part("store", false), part("loop", true)), Duration.ofSeconds(5), log);

        assertThat(runtime.start().getLeft()).isEqualTo("store: cannot");
        runtime.awaitStopped();

        assertThat(runtime.ready()).isFalse();
        assertThat(calls).containsExactly("start endpoints", "start store", "stop endpoints within 5 s");
        assertThat(runtime.start().isLeft()).isTrue();
    }

    @Test
    void failing_stops_every_part_and_says_why_a_normal_stop_does_not() throws InterruptedException {
        OperatorRuntime runtime = new OperatorRuntime(List.of(part("store", true), part("loop", true)), Duration.ofSeconds(5), log);
        runtime.start();
        assertThat(runtime.failure()).isEmpty();

        runtime.fail("the Lease names another holder");
        runtime.awaitStopped();

        assertThat(runtime.failure()).contains("the Lease names another holder");
        assertThat(calls).endsWith("stop loop within 5 s", "stop store within 5 s");
    }
}
