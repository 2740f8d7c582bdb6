package org.flinkop.runtime.embedded.cli;

import org.flinkop.domain.validation.Violation;
import org.flinkop.ports.api.OperatorApi.Refusal;

final class Refusals {

    private Refusals() {
    }

    static String describe(Refusal refusal) {
        if (refusal instanceof Refusal.Invalid invalid) {
            return invalid.violations().map(Violation::describe).mkString("; ");
        }
        Refusal.Failed failed = (Refusal.Failed) refusal;
        return failed.failure().reason() + ": " + failed.failure().message();
    }
}
