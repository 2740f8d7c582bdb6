package org.flinkop.domain.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.flinkop.domain.resource.Condition;

/** Kubernetes-style conditions: one per type, and the transition time kept while the status does not change. */
final class Conditions {

    static final String RUNNING = "Running";

    private Conditions() {
    }

    static List<Condition> put(List<Condition> existing, Condition condition) {
        List<Condition> result = new ArrayList<>();
        boolean replaced = false;
        for (Condition c : existing == null ? List.<Condition>of() : existing) {
            if (c.type().equals(condition.type())) {
                boolean sameStatus = Objects.equals(c.status(), condition.status());
                result.add(new Condition(condition.type(), condition.status(), condition.reason(), condition.message(),
                        sameStatus ? c.lastTransitionTime() : condition.lastTransitionTime(), condition.observedGeneration()));
                replaced = true;
            } else {
                result.add(c);
            }
        }
        if (!replaced) {
            result.add(condition);
        }
        return List.copyOf(result);
    }
}
