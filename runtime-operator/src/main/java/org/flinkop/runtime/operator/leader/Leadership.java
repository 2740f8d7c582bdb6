package org.flinkop.runtime.operator.leader;

/**
 * Whether this operator may act now: change a cluster, a job, a resource's status or finalizers, or record an event.
 * Reading is always allowed. Thread-safe and cheap: it is asked before every action.
 */
public interface Leadership {

    /** An operator without leader election: it always acts. */
    Leadership ALONE = () -> true;

    /** True while this operator leads; false from the moment its lease may have passed to another. */
    boolean acting();
}
