package org.flinkop.runtime.operator.http;

/** What the probes ask. */
public interface Health {

    /** Liveness: the threads that run the control loop are there. A false answer gets the operator restarted. */
    boolean live();

    /** Readiness: the informers have synced and the control loop runs. */
    boolean ready();
}
