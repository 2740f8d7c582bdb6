package org.flinkop.testkit.sim;

/** The operator process dies here: thrown right after an effectful call completed, losing everything in memory. */
public final class SimulatedCrash extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SimulatedCrash(int afterCall, String call) {
        super("simulated crash after effectful call " + afterCall + " (" + call + ")", null, false, false);
    }
}
