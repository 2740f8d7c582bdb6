package org.flinkop.ports;

/** The result of a port command that succeeded and has nothing to return. */
public enum Done {
    DONE
}
