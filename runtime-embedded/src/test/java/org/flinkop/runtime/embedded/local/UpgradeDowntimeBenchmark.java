package org.flinkop.runtime.embedded.local;

import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.flinkop.ports.flink.FlinkJobClient;

/**
 * How long a savepoint upgrade keeps the job from running on real Flink, and how much of that is the operator's.
 * For each upgrade (a parallelism change of the keyed-state job, upgradeMode savepoint) it reads Flink's own times
 * from the JobManager logs (the old job FINISHED after its savepoint; the last task of the new job RUNNING) and the
 * operator's from its calls to the ports:
 * <ul>
 * <li>downtime: old job finished → every task of the new job running;
 * <li>overhead: old job finished → the operator starts removing the old cluster, plus any gap between that
 * removal ending and the new cluster's deployment starting (the time Flink had finished a step and the operator
 * had not started the next);
 * <li>reaction: the spec applied → stop-with-savepoint sent (the job still runs meanwhile).
 * </ul>
 * Usage: {@code scripts/bench-upgrade.sh [UPGRADES] [VERSION...]}.
 */
public final class UpgradeDowntimeBenchmark {

    private static final Pattern LOG_TIME = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d,\\d\\d\\d) ");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss,SSS");
    private static final ResourceKey KEY = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "bench", "counter");
    private static final Duration STEP = Duration.ofSeconds(180);

    record Upgrade(Duration downtime, Duration overhead, Duration reaction, Duration stop, Duration teardown, Duration start) {
    }

    private UpgradeDowntimeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int upgrades = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> versions = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("1.20.0", "2.3.0");
        System.out.printf("%-7s %-3s %10s %10s %10s %10s %10s %10s%n", "flink", "#", "downtime", "overhead", "reaction", "stop", "teardown", "start");
        for (String version : versions) {
            List<Upgrade> results = run(version, upgrades);
            for (int i = 0; i < results.size(); i++) {
                Upgrade u = results.get(i);
                System.out.printf("%-7s %-3d %10s %10s %10s %10s %10s %10s%n", version, i + 1, ms(u.downtime()), ms(u.overhead()), ms(u.reaction()),
                        ms(u.stop()), ms(u.teardown()), ms(u.start()));
            }
            System.out.printf("%-7s p50 %10s %10s %10s%n", version, ms(median(results, Upgrade::downtime)), ms(median(results, Upgrade::overhead)),
                    ms(median(results, Upgrade::reaction)));
            System.out.printf("%-7s max %10s %10s %10s%n", version, ms(max(results, Upgrade::downtime)), ms(max(results, Upgrade::overhead)),
                    ms(max(results, Upgrade::reaction)));
        }
    }

    private static List<Upgrade> run(String version, int upgrades) throws Exception {
        CallLog calls = new CallLog();
        List<Upgrade> results = new ArrayList<>();
        try (LocalOperator operator = new LocalOperator(version, "bench-upgrade",
                work -> uri -> Either.left(PortFailure.of(PortFailure.Reason.FORBIDDEN, "no session jobs here")),
                deployer -> calls.recording(ClusterDeployer.class, deployer), flink -> calls.recording(FlinkJobClient.class, flink))) {
            String spelling = version.startsWith("1.20") ? "v1_20" : "v" + version.replace(".0", "").replace('.', '_');
            operator.apply(document(operator, spelling, 1));
            String job = awaitNewJob(operator, null).status().jobStatus().jobId();
            for (int i = 0; i < upgrades; i++) {
                Thread.sleep(3000);
                Path oldLogs = operator.newestClusterLogs(KEY);
                Instant applied = Instant.now();
                operator.apply(document(operator, spelling, i % 2 == 0 ? 2 : 1));
                job = awaitNewJob(operator, job).status().jobStatus().jobId();
                Path newLogs = operator.newestClusterLogs(KEY);
                results.add(measure(calls, applied, oldLogs, newLogs));
            }
        }
        return results;
    }

    private static Upgrade measure(CallLog calls, Instant applied, Path oldLogs, Path newLogs) throws IOException {
        Instant stopSent = calls.first("stopWithSavepoint", applied).started();
        Instant oldFinished = lastLine(oldLogs.resolve("jobmanager.log"), "switched from state RUNNING to FINISHED");
        CallLog.Call delete = calls.first("delete", stopSent);
        CallLog.Call deploy = calls.first("deploy", delete.started());
        Instant newRunning = lastLine(newLogs.resolve("jobmanager.log"), "switched from INITIALIZING to RUNNING");
        Duration overhead = Duration.between(oldFinished, delete.started()).plus(positive(Duration.between(delete.returned(), deploy.started())));
        return new Upgrade(Duration.between(oldFinished, newRunning), overhead, Duration.between(applied, stopSent),
                Duration.between(stopSent, oldFinished), Duration.between(delete.started(), delete.returned()), Duration.between(deploy.started(), newRunning));
    }

    /** The time of the last line of a Flink log containing {@code text} (the logs print the local time of day). */
    private static Instant lastLine(Path log, String text) throws IOException {
        String found = null;
        for (String line : Files.readAllLines(log)) {
            if (line.contains(text)) {
                found = line;
            }
        }
        if (found == null) {
            throw new IllegalStateException("no line with '" + text + "' in " + log);
        }
        Matcher m = LOG_TIME.matcher(found);
        if (!m.find()) {
            throw new IllegalStateException("no time in " + found);
        }
        LocalDate day = LocalDate.ofInstant(Files.getLastModifiedTime(log).toInstant(), ZoneId.systemDefault());
        return LocalTime.parse(m.group(1), TIME).atDate(day).atZone(ZoneId.systemDefault()).toInstant();
    }

    private static FlinkDeployment awaitNewJob(LocalOperator operator, String previous) {
        return operator.await(KEY, STEP, "a stable job other than " + previous, (FlinkDeployment d) -> d.status() != null
                && d.status().lifecycleState() == ResourceLifecycleState.STABLE && d.status().jobStatus() != null
                && d.status().jobStatus().jobId() != null && !d.status().jobStatus().jobId().equals(previous)
                && d.status().reconciliationStatus().upgrade() == null);
    }

    private static Map<String, Object> document(LocalOperator operator, String spelling, int parallelism) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("flinkVersion", spelling);
        spec.put("mode", "standalone");
        spec.put("flinkConfiguration", Map.of("taskmanager.numberOfTaskSlots", "2", "execution.checkpointing.interval", "1s",
                "execution.checkpointing.dir", "file://" + operator.work().resolve("state/checkpoints").toAbsolutePath(),
                "execution.checkpointing.savepoint-dir", "file://" + operator.work().resolve("state/savepoints").toAbsolutePath()));
        spec.put("jobManager", Map.of("resource", Map.of("memory", "768m", "cpu", 1)));
        spec.put("taskManager", Map.of("resource", Map.of("memory", "1024m", "cpu", 1)));
        spec.put("job", Map.of("jarURI", Path.of(System.getProperty("flinkop.keyed-count-job")).toUri().toString(),
                "entryClass", "org.flinkop.runtime.embedded.fixture.KeyedCountJob", "parallelism", parallelism, "upgradeMode", "savepoint"));
        return Map.of("apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkDeployment",
                "metadata", Map.of("name", KEY.name(), "namespace", KEY.namespace()), "spec", spec);
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Duration median(List<Upgrade> results, java.util.function.Function<Upgrade, Duration> f) {
        List<Duration> sorted = results.stream().map(f).sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static Duration max(List<Upgrade> results, java.util.function.Function<Upgrade, Duration> f) {
        return results.stream().map(f).max(Duration::compareTo).orElseThrow();
    }

    private static String ms(Duration d) {
        return d.toMillis() + " ms";
    }
}
