package org.flinkop.runtime.embedded.cli;

import io.vavr.control.Option;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.FlinkStateSnapshot;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.domain.resource.SnapshotState;

/**
 * Runs until the operator has finished with some resources, printing each step as it happens: a deployment or
 * session job settled (nothing in flight, its latest spec reconciled), a snapshot done, a deleted resource gone.
 * Reports which ended failed.
 */
final class Settle {

    /** How each resource ended. */
    record Outcome(List<String> failed, List<String> timedOut) {
        boolean success() {
            return failed.isEmpty() && timedOut.isEmpty();
        }
    }

    private final OperatorAccess operator;
    private final PrintStream out;
    private final long started = System.nanoTime();

    Settle(OperatorAccess operator, PrintStream out) {
        this.operator = operator;
        this.out = out;
    }

    /** Waits for every key (until {@code timeout}); {@code gone} keys must disappear, the others settle. */
    Outcome await(List<ResourceKey> keys, boolean gone, Duration timeout) throws InterruptedException {
        Map<ResourceKey, String> lastLine = new HashMap<>();
        List<ResourceKey> open = new ArrayList<>(keys);
        List<String> failed = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            for (ResourceKey key : List.copyOf(open)) {
                Option<FlinkResource> now = operator.get(key);
                String line = now.map(Settle::describe).getOrElse("deleted");
                if (!Objects.equals(line, lastLine.put(key, line))) {
                    out.printf("[%6.1fs] %s: %s%n", (System.nanoTime() - started) / 1e9, Names.of(key), line);
                }
                if (gone ? now.isEmpty() : now.exists(Settle::settled)) {
                    open.remove(key);
                    if (!gone && now.exists(Settle::failed)) {
                        failed.add(Names.of(key) + ": " + error(now.get()));
                    }
                }
            }
            Thread.sleep(200);
        }
        return new Outcome(failed, open.stream().map(Names::of).toList());
    }

    static boolean settled(FlinkResource resource) {
        if (resource instanceof FlinkStateSnapshot s) {
            return s.status() != null && s.status().state() != null && s.status().state() != SnapshotState.TRIGGER_PENDING
                    && s.status().state() != SnapshotState.IN_PROGRESS;
        }
        ResourceLifecycleState lifecycle = lifecycle(resource);
        boolean inFlight = resource instanceof FlinkDeployment d ? d.status() != null && d.status().reconciliationStatus() != null
                && d.status().reconciliationStatus().upgrade() != null
                : resource instanceof FlinkSessionJob j && j.status() != null && j.status().reconciliationStatus() != null
                        && j.status().reconciliationStatus().upgrade() != null;
        boolean reconciled = Objects.equals(observedGeneration(resource), resource.metadata().generation());
        return reconciled && (failed(resource) || (!inFlight && (lifecycle == ResourceLifecycleState.STABLE
                || lifecycle == ResourceLifecycleState.SUSPENDED || lifecycle == ResourceLifecycleState.ROLLED_BACK)));
    }

    static boolean failed(FlinkResource resource) {
        if (resource instanceof FlinkStateSnapshot s) {
            return s.status() != null && (s.status().state() == SnapshotState.FAILED || s.status().state() == SnapshotState.ABANDONED);
        }
        return lifecycle(resource) == ResourceLifecycleState.FAILED;
    }

    /** One line: lifecycle state, job state, and the error when there is one. */
    static String describe(FlinkResource resource) {
        if (resource instanceof FlinkStateSnapshot s) {
            return s.status() == null ? "waiting" : s.status().state() + (s.status().path() == null ? "" : " " + s.status().path())
                    + (s.status().error() == null ? "" : " (" + s.status().error() + ")");
        }
        String job = jobState(resource);
        String error = error(resource);
        return (lifecycle(resource) == null ? "waiting" : lifecycle(resource).spelling()) + (job == null ? "" : ", job " + job)
                + (error == null ? "" : " (" + error + ")");
    }

    static ResourceLifecycleState lifecycle(FlinkResource resource) {
        if (resource instanceof FlinkDeployment d && d.status() != null) {
            return d.status().lifecycleState();
        }
        if (resource instanceof FlinkSessionJob j && j.status() != null) {
            return j.status().lifecycleState();
        }
        return null;
    }

    static String jobState(FlinkResource resource) {
        if (resource instanceof FlinkDeployment d && d.status() != null && d.status().jobStatus() != null && d.status().jobStatus().state() != null) {
            return d.status().jobStatus().state().spelling();
        }
        if (resource instanceof FlinkSessionJob j && j.status() != null && j.status().jobStatus() != null && j.status().jobStatus().state() != null) {
            return j.status().jobStatus().state().spelling();
        }
        return null;
    }

    static String error(FlinkResource resource) {
        if (resource instanceof FlinkDeployment d && d.status() != null) {
            return d.status().error();
        }
        if (resource instanceof FlinkSessionJob j && j.status() != null) {
            return j.status().error();
        }
        if (resource instanceof FlinkStateSnapshot s && s.status() != null) {
            return s.status().error();
        }
        return null;
    }

    private static Long observedGeneration(FlinkResource resource) {
        if (resource instanceof FlinkDeployment d && d.status() != null) {
            return d.status().observedGeneration();
        }
        if (resource instanceof FlinkSessionJob j && j.status() != null) {
            return j.status().observedGeneration();
        }
        return null;
    }
}
