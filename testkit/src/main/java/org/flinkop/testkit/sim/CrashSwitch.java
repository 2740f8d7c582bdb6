package org.flinkop.testkit.sim;

/** Counts the operator's effectful calls and crashes it right after the armed one. */
final class CrashSwitch {

    private int calls;
    private int crashAfter;
    private boolean crashed;

    /** Crash after the {@code n}-th effectful call (0: never); re-arming after a crash allows another. */
    void armAfter(int n) {
        crashAfter = n;
        crashed = false;
    }

    /** Called after each effectful call has taken effect. */
    void tick(String call) {
        calls++;
        if (!crashed && calls == crashAfter) {
            crashed = true;
            throw new SimulatedCrash(calls, call);
        }
    }

    int calls() {
        return calls;
    }

    boolean crashed() {
        return crashed;
    }
}
