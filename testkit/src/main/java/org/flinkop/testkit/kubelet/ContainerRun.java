package org.flinkop.testkit.kubelet;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import java.time.Duration;
import java.time.Instant;

/**
 * One container of a pod as the kubelet runs it: its process while it runs, how often it was restarted, how it
 * last ended, and why it waits when it does not run. Touched only by the kubelet's own thread.
 */
final class ContainerRun {

    private static final Duration FIRST_BACK_OFF = Duration.ofSeconds(10);
    private static final Duration MAX_BACK_OFF = Duration.ofMinutes(5);

    final String name;
    private volatile Process process;
    private Instant startedAt;
    private int restartCount;
    private ContainerStateTerminated lastTermination;
    private ContainerStateTerminated terminated;
    private String waitingReason = "ContainerCreating";
    private String waitingMessage;
    private Instant notBefore = Instant.EPOCH;

    ContainerRun(String name) {
        this.name = name;
    }

    Process process() {
        return process;
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    /** Whether the process ended and that was not recorded yet. */
    boolean exitedUnnoticed() {
        return process != null && !process.isAlive();
    }

    void started(Process started, Instant now) {
        process = started;
        startedAt = now;
        waitingReason = null;
        waitingMessage = null;
    }

    void waiting(String reason, String message) {
        waitingReason = reason;
        waitingMessage = message;
    }

    /** The container could not start; it is tried again from {@code retryAt}. */
    void waiting(String reason, String message, Instant retryAt) {
        waiting(reason, message);
        notBefore = retryAt;
    }

    /**
     * Records that the process ended, as a real kubelet reports it: the termination with its exit code becomes the
     * last state. With {@code restart}, the container starts again, at once the first time and then after a back-off
     * that doubles from 10 s to 5 min (waiting in {@code CrashLoopBackOff} meanwhile); else it stays terminated.
     */
    void exited(Instant now, boolean restart) {
        int exitCode = process.exitValue();
        ContainerStateTerminated ended = new ContainerStateTerminatedBuilder().withExitCode(exitCode)
                .withReason(exitCode == 0 ? "Completed" : "Error")
                .withContainerID(containerId())
                .withStartedAt(startedAt.toString()).withFinishedAt(now.toString()).build();
        process = null;
        if (!restart) {
            terminated = ended;
            return;
        }
        lastTermination = ended;
        Duration backOff = restartCount == 0 ? Duration.ZERO : FIRST_BACK_OFF.multipliedBy(1L << Math.min(restartCount - 1, 5));
        backOff = backOff.compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : backOff;
        restartCount++;
        notBefore = now.plus(backOff);
        waiting(backOff.isZero() ? "ContainerCreating" : "CrashLoopBackOff",
                backOff.isZero() ? null : "back-off " + backOff.toSeconds() + "s restarting failed container=" + name);
    }

    /** Whether the container should be started now: it does not run, is not terminated for good, and its back-off is over. */
    boolean dueToStart(Instant now) {
        return process == null && terminated == null && !now.isBefore(notBefore);
    }

    Instant notBefore() {
        return notBefore;
    }

    Instant startedAt() {
        return startedAt;
    }

    int restartCount() {
        return restartCount;
    }

    ContainerStateTerminated lastTermination() {
        return lastTermination;
    }

    ContainerStateTerminated terminated() {
        return terminated;
    }

    String waitingReason() {
        return waitingReason;
    }

    String waitingMessage() {
        return waitingMessage;
    }

    /** The container's id as the pod status shows it: the process id of its current (or last) process. */
    String containerId() {
        return process == null ? null : "process://" + process.pid();
    }
}
