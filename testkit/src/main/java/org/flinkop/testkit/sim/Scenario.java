package org.flinkop.testkit.sim;

import java.util.function.Consumer;

/**
 * A story told to a {@link Simulation}: apply resources, let time pass, inject faults, and wait for outcomes with
 * {@link Simulation#runUntil}, so that the same story still ends when the operator crashes on the way.
 *
 * @param name            what it shows
 * @param keepsHaMetadata whether clusters keep Flink HA metadata (Kubernetes) or not (local processes)
 * @param script          the story
 */
public record Scenario(String name, boolean keepsHaMetadata, Consumer<Simulation> script) {

    public static Scenario of(String name, Consumer<Simulation> script) {
        return new Scenario(name, true, script);
    }

    public static Scenario withoutHa(String name, Consumer<Simulation> script) {
        return new Scenario(name, false, script);
    }
}
