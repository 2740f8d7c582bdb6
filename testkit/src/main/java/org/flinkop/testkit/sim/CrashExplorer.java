package org.flinkop.testkit.sim;

import io.vavr.collection.List;

/**
 * Runs each scenario once without a crash to count the operator's effectful calls, then once more for every
 * one of them, crashing the operator right after it, and checks the invariants at the end of every run.
 */
public final class CrashExplorer {

    private CrashExplorer() {
    }

    /** What was explored and what broke (nothing, when {@code violations} is empty). */
    public record Report(int scenarios, int runs, int crashes, List<String> violations) {

        public String summary() {
            return "crash at every step: " + scenarios + " scenarios, " + runs + " runs (each scenario once without and once per crash point), "
                    + crashes + " crashes, " + violations.size() + " invariants broken";
        }
    }

    public static Report explore(List<Scenario> scenarios) {
        int runs = 0;
        int crashes = 0;
        List<String> violations = List.empty();
        for (Scenario scenario : scenarios) {
            Simulation baseline = new Simulation(scenario.keepsHaMetadata());
            scenario.script().accept(baseline);
            runs++;
            violations = violations.appendAll(baseline.checkInvariants().map(v -> "[" + scenario.name() + ", no crash] " + v));
            int points = baseline.effectfulCalls();
            for (int n = 1; n <= points; n++) {
                Simulation crashing = new Simulation(scenario.keepsHaMetadata()).crashAfter(n);
                scenario.script().accept(crashing);
                runs++;
                crashes += crashing.crashes();
                int point = n;
                violations = violations.appendAll(crashing.checkInvariants().map(v -> "[" + scenario.name() + ", crash after call " + point + "] " + v));
            }
        }
        return new Report(scenarios.size(), runs, crashes, violations);
    }

    /** What the seeded fault schedules explored and what broke. */
    public record FaultReport(int seeds, int runs, int faults, List<String> violations) {

        public String summary() {
            return "seeded fault schedules: " + seeds + " seeds x scenarios = " + runs + " runs, " + faults + " faults injected, "
                    + violations.size() + " invariants broken";
        }
    }

    /** Runs every scenario once per seed with random faults; a violation names its seed, so it can be replayed. */
    public static FaultReport exploreFaults(List<Scenario> scenarios, long firstSeed, int seeds) {
        int runs = 0;
        int faults = 0;
        List<String> violations = List.empty();
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            for (Scenario scenario : scenarios) {
                Simulation sim = new Simulation(scenario.keepsHaMetadata()).withRandomFaults(seed);
                scenario.script().accept(sim);
                runs++;
                faults += sim.faults();
                long s = seed;
                violations = violations.appendAll(sim.checkInvariants().map(v -> "[" + scenario.name() + ", seed " + s + "] " + v));
            }
        }
        return new FaultReport(seeds, runs, faults, violations);
    }
}
