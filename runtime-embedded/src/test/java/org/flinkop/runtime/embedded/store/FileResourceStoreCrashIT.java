package org.flinkop.runtime.embedded.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.PortFailure;
import org.flinkop.runtime.embedded.store.RecoveryReport.Reason;
import org.junit.jupiter.api.Test;

/**
 * A real process writes statuses to the store in a loop and is killed with SIGKILL at a random moment, several
 * times. After each kill the store opens, every resource reads, and each status is exactly one the process wrote
 * whole: the last one it confirmed, or the one it was writing when it died. Never a torn file, never an older
 * status, never a resourceVersion that went back. The moments come from a seed ({@code -Dstore.crash.seed=N}
 * repeats a run).
 */
class FileResourceStoreCrashIT {

    private static final int RESOURCES = 4;
    private static final int KILLS = 6;

    @Test
    void a_process_killed_at_any_moment_leaves_every_resource_with_a_status_it_wrote_whole() throws Exception {
        long seed = Long.getLong("store.crash.seed", 20261101L);
        Random random = new Random(seed);
        Path folder = StoreFixtures.freshFolder("crash");
        try (FileResourceStore store = open(folder)) {
            for (int i = 0; i < RESOURCES; i++) {
                store.apply(StoreFixtures.deployment("prod", "job-" + i, 2)).get();
            }
        }
        Map<String, Written> confirmed = new HashMap<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            String round = "seed " + seed + ", kill " + kill;
            Process writer = startWriter(folder, kill);
            try {
                // the writer's lines go to a file: reading a killed process's pipe races with the JDK closing it
                Path output = outputOf(folder, kill);
                String first = firstLine(output, writer);
                assertThat(first).as("%s: the writer's first line", round).isEqualTo("opened " + writer.pid());

                Either<PortFailure, FileResourceStore> second = FileResourceStore.open(folder, clock());
                assertThat(second.isLeft()).as("%s: a second store while the writer has it open", round).isTrue();
                assertThat(second.getLeft().message()).contains("in use by process " + writer.pid());

                Thread.sleep(200 + random.nextInt(1500));
                writer.destroyForcibly();
                assertThat(writer.waitFor(60, TimeUnit.SECONDS)).as("%s: the writer ended", round).isTrue();
                List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8).stream().skip(1).toList();
                Map<String, Long> inFlight = new HashMap<>();
                record(lines, confirmed, inFlight);

                try (FileResourceStore reopened = open(folder)) {
                    assertThat(reopened.recovery().findings().filter(f -> f.reason() != Reason.LEFTOVER_TEMPORARY_FILE))
                            .as("%s: findings other than leftovers", round).isEmpty();
                    List<FlinkResource> all = reopened.list(ResourceKind.FLINK_DEPLOYMENT).asJava();
                    assertThat(all).as(round).hasSize(RESOURCES);
                    for (FlinkResource resource : all) {
                        checkWrittenWhole(round, (FlinkDeployment) resource, confirmed, inFlight);
                    }
                }
            } finally {
                if (writer.isAlive()) {
                    writer.destroyForcibly();
                    writer.waitFor(60, TimeUnit.SECONDS);
                }
            }
        }
        assertThat(confirmed.values().stream().mapToLong(Written::counter).min().orElse(0)).as("every resource was written").isPositive();
    }

    private record Written(long counter, long resourceVersion) {
    }

    /** Takes the writer's lines in: what it confirmed, and what it had started writing when it died. */
    private static void record(List<String> lines, Map<String, Written> confirmed, Map<String, Long> inFlight) {
        for (String line : lines) {
            String[] words = line.split(" ");
            if (words[0].equals("writing")) {
                inFlight.put(words[1], Long.parseLong(words[2]));
            } else if (words[0].equals("wrote")) {
                confirmed.put(words[1], new Written(Long.parseLong(words[2]), Long.parseLong(words[3])));
                inFlight.remove(words[1]);
            } else {
                throw new AssertionError("unexpected line from the writer: " + line);
            }
        }
    }

    private static void checkWrittenWhole(String round, FlinkDeployment resource, Map<String, Written> confirmed, Map<String, Long> inFlight) {
        String name = resource.metadata().name();
        Written last = confirmed.getOrDefault(name, new Written(0, 0));
        List<Long> allowed = new ArrayList<>(List.of(last.counter()));
        if (inFlight.containsKey(name)) {
            allowed.add(inFlight.get(name));
        }
        long counter = resource.status() == null ? 0 : resource.status().observedGeneration();
        assertThat(counter).as("%s: the counter of %s (confirmed %s, in flight %s)", round, name, last, inFlight.get(name)).isIn(allowed);
        if (counter > 0) {
            assertThat(resource.status()).as("%s: the status of %s", round, name).isEqualTo(StoreFixtures.upgradingStatus(resource, counter));
        }
        assertThat(Long.parseLong(resource.metadata().resourceVersion())).as("%s: resourceVersion of %s", round, name)
                .isGreaterThanOrEqualTo(last.resourceVersion());
        if (counter > last.counter()) {
            // the write in flight made it to disk: from now on it is the one to be found
            confirmed.put(name, new Written(counter, Long.parseLong(resource.metadata().resourceVersion())));
        }
    }

    private static Process startWriter(Path folder, int kill) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                StatusWriter.class.getName(), folder.toString());
        builder.redirectError(folder.getParent().resolve("crash-writer-" + kill + ".err").toFile());
        builder.redirectOutput(outputOf(folder, kill).toFile());
        return builder.start();
    }

    private static Path outputOf(Path folder, int kill) {
        return folder.getParent().resolve("crash-writer-" + kill + ".out");
    }

    /** The first complete line the writer printed, once it has; fails if the writer ends first. */
    private static String firstLine(Path output, Process writer) throws IOException, InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (Files.exists(output)) {
                String text = Files.readString(output, StandardCharsets.UTF_8);
                int end = text.indexOf('\n');
                if (end >= 0) {
                    return text.substring(0, end);
                }
            }
            if (!writer.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the writer printed no line; see " + output);
    }

    private static FileResourceStore open(Path folder) {
        Either<PortFailure, FileResourceStore> store = FileResourceStore.open(folder, clock());
        assertThat(store.isRight()).as("open: %s", store).isTrue();
        return store.get();
    }

    private static Clock clock() {
        return Clock.fixed(StoreFixtures.T0, ZoneOffset.UTC);
    }
}
